package io.netns4j.link;

/** A dummy device: {@code ip link add d0 type dummy}. */
public record Dummy() implements LinkKind {
    @Override
    public String kindName() {
        return "dummy";
    }
}
