package dev.opsuite.events.contract;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event schemas as the artifact ships them: the descriptor set protoc wrote into the jar
 * ({@code META-INF/protobuf/opsuite-events.desc}), so the checks see exactly what consumers get.
 */
final class EventDescriptors {
    static final String RESOURCE = "META-INF/protobuf/opsuite-events.desc";
    static final String PACKAGE_PREFIX = "dev.opsuite.events.";

    private final Map<String, FileDescriptorProto> fileOfMessage = new LinkedHashMap<>();
    private final Map<String, DescriptorProto> messages = new LinkedHashMap<>();
    private final Map<String, EnumDescriptorProto> enums = new LinkedHashMap<>();
    private final Set<String> topLevel = new TreeSet<>();

    private EventDescriptors(FileDescriptorSet set) {
        for (FileDescriptorProto file : set.getFileList()) {
            if (!file.getPackage().startsWith(PACKAGE_PREFIX)) {
                continue; // google/protobuf/timestamp.proto and friends
            }
            for (DescriptorProto message : file.getMessageTypeList()) {
                String name = file.getPackage() + "." + message.getName();
                topLevel.add(name);
                collect(file, name, message);
            }
            for (EnumDescriptorProto e : file.getEnumTypeList()) {
                enums.put(file.getPackage() + "." + e.getName(), e);
            }
        }
    }

    private void collect(FileDescriptorProto file, String name, DescriptorProto message) {
        fileOfMessage.put(name, file);
        messages.put(name, message);
        for (DescriptorProto nested : message.getNestedTypeList()) {
            collect(file, name + "." + nested.getName(), nested);
        }
        for (EnumDescriptorProto e : message.getEnumTypeList()) {
            enums.put(name + "." + e.getName(), e);
        }
    }

    static EventDescriptors fromClasspath() {
        try (InputStream in = EventDescriptors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: the protobuf plugin"
                        + " writes it at generate-sources (writeDescriptorSet in events/pom.xml)");
            }
            return new EventDescriptors(FileDescriptorSet.parseFrom(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean hasMessage(String fullName) {
        return messages.containsKey(fullName);
    }

    /** The .proto file (path relative to the proto root) that declares the message. */
    Optional<String> fileOf(String fullName) {
        return Optional.ofNullable(fileOfMessage.get(fullName)).map(FileDescriptorProto::getName);
    }

    /** The generated Java class of a top-level message. */
    Optional<String> javaClassOf(String fullName) {
        FileDescriptorProto file = fileOfMessage.get(fullName);
        if (file == null || !topLevel.contains(fullName)) {
            return Optional.empty();
        }
        String javaPackage =
                file.getOptions().hasJavaPackage() ? file.getOptions().getJavaPackage() : file.getPackage();
        return Optional.of(
                javaPackage + "." + fullName.substring(file.getPackage().length() + 1));
    }

    /**
     * Top-level messages no other event message uses as a field type: the envelopes that travel as
     * record values. Every one of them must be some topic's payload.
     */
    Set<String> envelopes() {
        Set<String> used = new HashSet<>();
        for (DescriptorProto message : messages.values()) {
            for (FieldDescriptorProto field : message.getFieldList()) {
                if (field.hasTypeName()) {
                    used.add(
                            field.getTypeName().startsWith(".")
                                    ? field.getTypeName().substring(1)
                                    : field.getTypeName());
                }
            }
        }
        Set<String> roots = new TreeSet<>(topLevel);
        roots.removeAll(used);
        return roots;
    }

    /**
     * One line per field and enum value, with what makes it wire-compatible: its number, label and
     * type. A removed, renumbered or retyped field changes or drops a line; an added one adds a line.
     */
    Set<String> wireShape() {
        Set<String> lines = new TreeSet<>();
        messages.forEach((name, message) -> {
            for (FieldDescriptorProto f : message.getFieldList()) {
                String type = f.hasTypeName()
                        ? f.getTypeName().replaceFirst("^\\.", "")
                        : f.getType().name().replaceFirst("^TYPE_", "").toLowerCase();
                String label = f.getProto3Optional()
                        ? "optional"
                        : f.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED ? "repeated" : "singular";
                lines.add("field " + name + "." + f.getName() + " = " + f.getNumber() + " " + label + " " + type);
            }
        });
        enums.forEach((name, e) -> {
            for (EnumValueDescriptorProto v : e.getValueList()) {
                lines.add("enum " + name + "." + v.getName() + " = " + v.getNumber());
            }
        });
        return lines;
    }
}
