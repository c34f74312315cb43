/**
 * Labs of network namespaces: {@link io.netns4j.lab.Lab} is the front door, one method per
 * {@code netns4j lab} verb ({@code up}, {@code down}, {@code list}, {@code show}, {@code partition},
 * {@code impair}, ...), and {@link io.netns4j.lab.LabException} what a failed one throws.
 * Stages, one package each and layered one way: {@code model}, {@code file}, {@code plan},
 * {@code fault}, {@code graph} (the runtime is sealed).
 */
package io.netns4j.lab;
