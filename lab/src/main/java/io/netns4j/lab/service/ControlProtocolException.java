package io.netns4j.lab.service;

/** A message on a supervisor's control socket that is not what the protocol says: a field missing or of the wrong type. */
public final class ControlProtocolException extends Exception {
    /**
     * @param message what is wrong, naming the field
     */
    public ControlProtocolException(String message) {
        super(message);
    }
}
