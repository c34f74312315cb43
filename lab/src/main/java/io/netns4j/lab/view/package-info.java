/**
 * The live view of running labs in a browser ({@code netns4j lab serve}): {@link
 * io.netns4j.lab.view.ViewHub} follows labs through the kernel's notifications and the labs'
 * own state, {@link io.netns4j.lab.view.ViewServer} serves the page, its event stream and
 * its actions, {@link io.netns4j.lab.view.StaticView} writes the same picture as one HTML or
 * SVG file ({@code lab graph --format html|svg}).
 */
package io.netns4j.lab.view;
