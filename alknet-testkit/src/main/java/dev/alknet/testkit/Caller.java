package dev.alknet.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who an injected client {@link dev.alknet.callproto.CallSession} is authenticated as. Without it the client is
 * anonymous.
 *
 * <pre>{@code
 * @Test
 * void reads(@Caller(id = "alice", scopes = "files:read") CallSession client) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Caller {

    /** The identity id (a key fingerprint in production). */
    String id();

    String[] scopes() default {};
}
