/**
 * Traffic-control filters: {@code tc filter}, on the hooks of a clsact qdisc
 * ({@link io.netns4j.qdisc.Qdiscs#addClsact(String)}). {@link io.netns4j.filter.TcFilter} is a
 * filter as {@code tc filter show} lists it, with its mirred actions
 * ({@link io.netns4j.filter.MirredAction}); {@link io.netns4j.filter.Filters} holds the verbs,
 * reached as {@code Netns.filters()}, each one netlink request encoded byte for byte as tc 6.1
 * encodes it. What exists so far is what the userspace impairment engine needs: a u32 filter that
 * matches every frame and redirects it to another device ({@code action mirred egress redirect}).
 */
package io.netns4j.filter;
