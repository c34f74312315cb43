/**
 * The topology file format (docs/lab-format.md): {@link io.netns4j.lab.file.TopologyFile}
 * reads and checks a file ({@code netns4j lab check FILE}), collecting every
 * {@link io.netns4j.lab.file.Problem} at FILE:LINE:COLUMN into one
 * {@link io.netns4j.lab.file.TopologyException}, and fills in automatic addresses and routes.
 */
package io.netns4j.lab.file;
