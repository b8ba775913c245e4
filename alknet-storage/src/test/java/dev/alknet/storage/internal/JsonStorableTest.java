package dev.alknet.storage.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alknet.storage.StorageException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The exact pointer a value no database can store is reported at. */
class JsonStorableTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void aNestedStringIsNamedByItsEscapedPointer() {
        ObjectNode value = NODES.objectNode();
        value.putObject("a/b").putArray("c~d").add(1).add("x\u0000");
        assertThatThrownBy(() -> Json.checkStorable(value, "attributes"))
                .isInstanceOf(StorageException.class)
                .hasMessage("attributes cannot be stored: the string at '/a~1b/c~0d/1' contains U+0000 at index 1");
    }

    @Test
    void aPropertyNameIsNamedByThePointerToIt() {
        ObjectNode value = NODES.objectNode();
        value.putObject("outer").put("bad\ud800", 1);
        assertThatThrownBy(() -> Json.checkStorable(value, "attributes"))
                .hasMessage("attributes cannot be stored: the property name at '/outer/bad\ud800' contains an "
                        + "unpaired surrogate at index 3");
    }

    @Test
    void theRootAndNumbersHaveTheirOwnWording() {
        assertThatThrownBy(() -> Json.checkStorable(NODES.numberNode(Double.NaN), "payload"))
                .hasMessage("payload cannot be stored: the number at '' is not finite");
        assertThatCode(() -> Json.checkStorable(NODES.objectNode().put("fine", "\ud83d\ude00"), "attributes"))
                .doesNotThrowAnyException();
    }
}
