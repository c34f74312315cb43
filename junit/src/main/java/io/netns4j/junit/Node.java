package io.netns4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The lab node a {@code RunningNode} or {@code Netns} test parameter stands for: {@code @Node("n1") RunningNode n1}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Node {
    /** {@return the node's name in the lab, as the lab file's {@code nodes:} key names it} */
    String value();
}
