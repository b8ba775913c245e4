package dev.alknet.flowgraph;

import static dev.alknet.flowgraph.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private final SchemaCompatibility schemas = new SchemaCompatibility();

    private Compatibility check(String output, String input) {
        return schemas.check(json(output), json(input));
    }

    @Test
    void exactMatchIsCompatible() {
        String user = "{'type':'object','required':['id'],'properties':{'id':{'type':'string'}}}";
        assertThat(check(user, user)).isInstanceOf(Compatibility.Compatible.class);
    }

    @Test
    void extraOutputPropertiesAreCompatible() {
        assertThat(check("{'type':'object','required':['id','name'],'properties':{'id':{'type':'string'},"
                + "'name':{'type':'string'}}}",
                "{'type':'object','required':['id'],'properties':{'id':{'type':'string'}}}"))
                .isInstanceOf(Compatibility.Compatible.class);
    }

    @Test
    void extraPropertyRejectedByClosedInputIsIncompatible() {
        assertThat(check("{'type':'object','properties':{'id':{'type':'string'},'name':{'type':'string'}}}",
                "{'type':'object','properties':{'id':{'type':'string'}},'additionalProperties':false}"))
                .isEqualTo(new Compatibility.Incompatible(
                        "output property 'name' is not allowed by the input (additionalProperties: false)"));
    }

    @Test
    void integerFitsNumberButNotTheOtherWayRound() {
        assertThat(check("{'type':'integer'}", "{'type':'number'}")).isInstanceOf(Compatibility.Compatible.class);
        assertThat(check("{'type':'number'}", "{'type':'integer'}"))
                .isEqualTo(new Compatibility.Incompatible("output is number, input requires integer"));
    }

    @Test
    void enumFitsItsTypeAndALargerEnum() {
        assertThat(check("{'enum':['a','b']}", "{'type':'string'}")).isInstanceOf(Compatibility.Compatible.class);
        assertThat(check("{'const':'a'}", "{'enum':['a','b']}")).isInstanceOf(Compatibility.Compatible.class);
        assertThat(check("{'type':'string'}", "{'enum':['a','b']}"))
                .isEqualTo(new Compatibility.Incompatible("input accepts only [\"a\",\"b\"], output may be any string"));
        assertThat(check("{'enum':['a','c']}", "{'enum':['a','b']}"))
                .isEqualTo(new Compatibility.Incompatible("output value \"c\" is not among the input's [\"a\",\"b\"]"));
    }

    @Test
    void inputRequiredMustBeGuaranteedByTheOutput() {
        String input = "{'type':'object','required':['id'],'properties':{'id':{'type':'string'}}}";
        assertThat(check("{'type':'object','properties':{'id':{'type':'string'}}}", input))
                .isEqualTo(new Compatibility.Incompatible("input requires property 'id', output declares it optional"));
        assertThat(check("{'type':'object','properties':{'name':{'type':'string'}}}",
                "{'type':'object','required':['id'],'properties':{'id':{'type':'string'},'name':{'type':'string'}}}"))
                .isEqualTo(new Compatibility.Incompatible("input requires property 'id', output does not declare it"));
    }

    @Test
    void nestedMismatchNamesThePathAndTheTypes() {
        assertThat(check("{'type':'object','required':['user'],'properties':{'user':{'type':'object',"
                + "'required':['age'],'properties':{'age':{'type':'number'}}}}}",
                "{'type':'object','required':['user'],'properties':{'user':{'type':'object',"
                + "'properties':{'age':{'type':'integer'}}}}}"))
                .isEqualTo(new Compatibility.Incompatible("at 'user.age': output is number, input requires integer"));
        assertThat(check("{'type':'array','items':{'type':'string'}}", "{'type':'array','items':{'type':'integer'}}"))
                .isEqualTo(new Compatibility.Incompatible("at '[]': output is string, input requires integer"));
    }

    @Test
    void boundsMustBeAtLeastAsTight() {
        assertThat(check("{'type':'integer','minimum':1,'maximum':5}", "{'type':'integer','minimum':0}"))
                .isInstanceOf(Compatibility.Compatible.class);
        assertThat(check("{'type':'integer'}", "{'type':'integer','minimum':0}"))
                .isEqualTo(new Compatibility.Incompatible("input requires minimum 0, output does not guarantee it"));
        assertThat(check("{'type':'string','maxLength':10}", "{'type':'string','maxLength':5}"))
                .isEqualTo(new Compatibility.Incompatible("input requires maxLength 5, output declares 10"));
    }

    @Test
    void differentKindsOfValueAreUnrelated() {
        assertThat(check("{'type':'string'}", "{'type':'object'}"))
                .isEqualTo(new Compatibility.Unrelated("output is string, input takes object"));
        assertThat(check("{'type':'object','properties':{'a':{'type':'string'}}}",
                "{'type':'object','properties':{'b':{'type':'string'}}}"))
                .isEqualTo(new Compatibility.Unrelated("output and input objects have no property in common"));
    }

    @Test
    void undeclaredMissingAndUnsupportedSchemasAreUnknown() {
        assertThat(check("{}", "{'type':'string'}"))
                .isEqualTo(new Compatibility.Unknown("the output schema declares nothing"));
        assertThat(schemas.check(null, json("{'type':'string'}")))
                .isEqualTo(new Compatibility.Unknown("output schema: no schema"));
        assertThat(check("{'type':'string'}", "{'$ref':'https://example.com/s.json'}")).isEqualTo(
                new Compatibility.Unknown("input schema: $ref \"https://example.com/s.json\" cannot be resolved"
                        + " (only local '#/...' references are)"));
        assertThat(check("{'type':'string'}", "{'type':'string','pattern':'^a'}")).isEqualTo(new Compatibility.Unknown(
                "the input keyword 'pattern' is only compared with the same keyword and value in the output"));
        assertThat(check("{'type':'string','pattern':'^a'}", "{'type':'string','pattern':'^a'}"))
                .isInstanceOf(Compatibility.Compatible.class);
        assertThat(check("{'type':5}", "{'type':'string'}")).isEqualTo(new Compatibility.Unknown(
                "output schema: type must be a type name or an array of them, got 5"));
    }

    @Test
    void nonFiniteBoundsAreUnknownNotAnException() {
        var schema = Json.MAPPER.createObjectNode().put("type", "number").put("minimum", Double.POSITIVE_INFINITY);
        assertThat(schemas.check(json("{'type':'number','minimum':1}"), schema)).isEqualTo(new Compatibility.Unknown(
                "input schema: minimum must be a finite number, got \"Infinity\""));
        assertThat(check("{'type':'number','minimum':1e400}", "{'type':'number','minimum':1}"))
                .isInstanceOf(Compatibility.Unknown.class);
    }

    @Test
    void localReferencesResolveAndRecursiveOnesAreUnknown() {
        String defs = "'$defs':{'id':{'type':'string'}}";
        assertThat(check("{'type':'object','required':['id'],'properties':{'id':{'$ref':'#/$defs/id'}}," + defs + "}",
                "{'type':'object','required':['id'],'properties':{'id':{'type':'string'}}}"))
                .isInstanceOf(Compatibility.Compatible.class);
        String tree = "{'type':'object','required':['next'],'properties':{'next':{'$ref':'#'}}}";
        assertThat(check(tree, tree)).isInstanceOf(Compatibility.Unknown.class);
    }

    @Test
    void aDefiniteMismatchWinsOverAnUnknownPart() {
        assertThat(check("{'type':'object','required':['a','b'],'properties':{'a':{'type':'string'},"
                + "'b':{'type':'string'}}}",
                "{'type':'object','properties':{'a':{'type':'string','pattern':'x'},'b':{'type':'boolean'}}}"))
                .isEqualTo(new Compatibility.Incompatible("at 'b': output is string, input requires boolean"));
    }
}
