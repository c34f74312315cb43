/**
 * Policy routing rules: {@code ip rule}. {@link io.netns4j.rule.RoutingRule} is both what the
 * kernel reports and what a request or a selector says (built with
 * {@link io.netns4j.rule.RoutingRule#of} and its {@code withX} methods); {@link io.netns4j.rule.RuleAction} is what a
 * matching rule does; {@link io.netns4j.rule.Rules} holds the verbs (add, delete, list, flush),
 * reached as {@code Netns.rules()}.
 */
package io.netns4j.rule;
