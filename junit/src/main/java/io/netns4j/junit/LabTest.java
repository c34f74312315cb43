package io.netns4j.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that gets a lab: the lab is brought up before the class's tests (or before each
 * test, with {@link #perMethod}) and taken down after, under a unique name so tests can run in
 * parallel; every partition is healed, every impairment cleared and every paused service
 * resumed after each test. Test methods take the lab as parameters: {@code RunningLab},
 * {@code RunningNode} or {@code Netns} with {@link Node @Node("n1")}.
 * <pre>{@code
 * @LabTest(file = "db.yaml")            // on the test class path
 * class ReplicationTest {
 *     @Test void survivesAPartition(RunningLab lab, @Node("n1") RunningNode n1) throws Exception {
 *         lab.partition("isolate n1");
 *         ...
 *     }
 * }
 * }</pre>
 * Not root, or no namespaces here: the tests are skipped with the reason, never passed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LabExtension.class)
public @interface LabTest {
    /**
     * A lab file on the test class path ({@code db.yaml}, {@code labs/db.yaml}), as
     * {@code netns4j lab up FILE} reads it; or use {@link #topology}.
     *
     * @return the file's class path resource name, or empty
     */
    String file() default "";

    /**
     * A static method of the test class, without parameters, returning the lab: a
     * {@code io.netns4j.lab.model.Topology} or a {@code io.netns4j.lab.LabSpec}.
     *
     * @return the method's name, or empty
     */
    String topology() default "";

    /**
     * A new lab for each test method instead of one for the class.
     *
     * @return true for a lab per method
     */
    boolean perMethod() default false;
}
