package dev.backendkatas.webrtcsignaling;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed session description (RFC 8866 §5): the session-level lines in order ({@code v=} first), then the media
 * descriptions in order. Parsing and writing it back gives the same text, line for line.
 *
 * <p>Given.
 *
 * @param sessionLines the session-level lines, {@code v=} up to the first {@code m=}, in order
 * @param media        the media descriptions, in order
 */
public record SessionDescription(List<SdpLine> sessionLines, List<MediaDescription> media) {

    public SessionDescription {
        sessionLines = List.copyOf(Objects.requireNonNull(sessionLines, "sessionLines"));
        media = List.copyOf(Objects.requireNonNull(media, "media"));
    }

    /** The values of every session-level {@code a=name:value} line with that name, in order. */
    public List<String> attributeValues(String name) {
        return sessionLines.stream().filter(l -> l.isAttribute() && l.attributeName().equals(name))
                .map(l -> l.attributeValue() == null ? "" : l.attributeValue()).toList();
    }

    /** The value of the first session-level attribute with that name ({@code ""} for a property attribute). */
    public Optional<String> attribute(String name) {
        return attributeValues(name).stream().findFirst();
    }

    /** The value of the first session-level line of that type ({@code 'o'}, {@code 's'}, …). */
    public Optional<String> line(char type) {
        return sessionLines.stream().filter(l -> l.type() == type).map(SdpLine::value).findFirst();
    }
}
