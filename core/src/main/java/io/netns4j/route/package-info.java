/**
 * Routes: {@code ip route}. {@link io.netns4j.route.Route} is both what the kernel reports
 * and what a request says (built with {@link io.netns4j.route.Route#to(String)}), with its
 * multipath {@link io.netns4j.route.Nexthop}s, per-route {@link io.netns4j.route.RouteMetric}s,
 * {@link io.netns4j.route.RouteType} and {@link io.netns4j.route.RouteFlag}s;
 * {@link io.netns4j.route.RouteFilter} selects for {@code ip route show|flush} and
 * {@link io.netns4j.route.RouteLookup} asks {@code ip route get}.
 * {@link io.netns4j.route.Routes} holds the verbs, reached as {@code Netns.routes()}. Numbers and
 * names as {@code ip} reads them from {@code /etc/iproute2}: {@link io.netns4j.route.RouteTables},
 * {@link io.netns4j.route.RouteProtocols}, {@link io.netns4j.route.RouteScopes}.
 */
package io.netns4j.route;
