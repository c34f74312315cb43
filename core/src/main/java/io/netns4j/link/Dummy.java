package io.netns4j.link;

/** A dummy device: {@code ip link add d0 type dummy}. */
public record Dummy() implements LinkKind {
    /** A dummy has no options. */
    @Override
    public void writeData(LinkKindData data) {
    }

    @Override
    public String kindName() {
        return "dummy";
    }
}
