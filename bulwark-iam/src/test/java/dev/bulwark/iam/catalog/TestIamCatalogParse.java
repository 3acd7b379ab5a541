package dev.bulwark.iam.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.ErrorCode;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog format as the loader reads it, and the located errors it gives for broken text. */
class TestIamCatalogParse {
    private static final String HEADER = """
            # a comment
            H\tformat\t1
            H\tsource\ttest-data
            H\tversion\t1.0
            H\tupdatedAt\t2026-01-01T00:00:00Z
            G\taws:SourceIp\tIPAddress
            """;

    private static final String DEMO = HEADER + """
            S\tdemo\tDemo Service
            K\tdemo:Color\tString
            K\tdemo:Labels/${LabelKey}\tArrayOfString
            R\twidget\tarn:${Partition}:demo:${Region}:${Account}:widget/${WidgetId}\tdemo:Color
            A\tPutWidget\tW\twidget*=demo:Labels/${LabelKey}\tdemo:Color\tdemo:GetWidget
            A\tGetWidget\tR\twidget\t-\t-
            A\tListWidgets\tL\t-\t-\t-
            """;

    private static IamCatalog parse(String text) {
        return IamCatalog.parse(new StringReader(text));
    }

    @Test
    void readsEveryRecord() {
        IamCatalog catalog = parse(DEMO);
        assertThat(catalog.sourcePackage()).isEqualTo("test-data");
        assertThat(catalog.sourceVersion()).isEqualTo("1.0");
        assertThat(catalog.updatedAt()).isEqualTo("2026-01-01T00:00:00Z");
        ServiceInfo demo = catalog.service("demo").orElseThrow();
        assertThat(demo.name()).isEqualTo("Demo Service");
        assertThat(demo.actions()).extracting(ActionInfo::name).containsExactly("GetWidget", "ListWidgets", "PutWidget");
        assertThat(catalog.action("demo:PutWidget")).contains(new ActionInfo("demo", "PutWidget", AccessLevel.WRITE,
                List.of(new ActionResource("widget", true, List.of("demo:Labels/${LabelKey}"))), List.of("demo:Color"), List.of("demo:GetWidget")));
        assertThat(demo.resourceTypes()).containsExactly(new ResourceTypeInfo("widget",
                List.of("arn:${Partition}:demo:${Region}:${Account}:widget/${WidgetId}"), List.of("demo:Color")));
        assertThat(catalog.conditionKey("demo:Labels/x")).map(ConditionKeyInfo::type).contains(ConditionKeyType.ARRAY_OF_STRING);
        assertThat(catalog.isKnownConditionKey("demo:GetWidget", "demo:Color")).as("a key of the widget type").isTrue();
        assertThat(catalog.isKnownConditionKey("demo:GetWidget", "demo:Labels/x")).isFalse();
        assertThat(catalog.isKnownConditionKey("demo:PutWidget", "demo:Labels/x")).isTrue();
        assertThat(catalog.expand("*")).hasSize(3);
        assertThat(catalog.acceptsResource(catalog.action("demo:GetWidget").orElseThrow(), "arn:aws:demo:us-east-1:123456789012:widget/w1")).isTrue();
    }

    @Test
    void unknownAccessLevelFailsNamingTheLine() {
        String text = HEADER + "S\tdemo\tDemo\nA\tGetWidget\tX\t-\t-\t-\n";
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(BulwarkException.class)
                .hasMessage("IAM catalog line 8: unknown access level 'X' of action demo:GetWidget (expected L, R, W, P or T)")
                .extracting(error -> ((BulwarkException) error).errorCode()).isEqualTo(ErrorCode.USER_ERROR);
    }

    @Test
    void brokenRecordsFailNamingTheLine() {
        assertThatThrownBy(() -> parse(HEADER + "S\tdemo\tDemo\nA\tGetWidget\tR\t-\t-\n"))
                .hasMessage("IAM catalog line 8: record A needs 6 tab-separated fields, found 5");
        assertThatThrownBy(() -> parse(HEADER + "A\tGetWidget\tR\t-\t-\t-\n"))
                .hasMessage("IAM catalog line 7: A record before the first S (service) record");
        assertThatThrownBy(() -> parse(HEADER + "S\tdemo\tDemo\nA\tGetWidget\tR\tgadget*\t-\t-\n"))
                .hasMessage("IAM catalog line 8: action demo:GetWidget names resource type 'gadget', which service demo does not define before it");
        assertThatThrownBy(() -> parse(HEADER + "S\tdemo\tDemo\nK\tdemo:Size\tInteger\n"))
                .hasMessageStartingWith("IAM catalog line 8: unknown condition key type 'Integer' of demo:Size (expected one of [String, ARN,");
        assertThatThrownBy(() -> parse(HEADER + "S\tdemo\tDemo\nA\tGet\tR\t-\t-\t-\nA\tget\tR\t-\t-\t-\n"))
                .hasMessage("IAM catalog line 9: action demo:get is repeated");
        assertThatThrownBy(() -> parse(HEADER + "S\tdemo\tDemo\nS\tDEMO\tDemo\n"))
                .hasMessage("IAM catalog line 8: service DEMO is repeated");
        assertThatThrownBy(() -> parse(HEADER + "X\tsomething\n"))
                .hasMessage("IAM catalog line 7: unknown record 'X' (expected H, G, S, K, R or A)");
        assertThatThrownBy(() -> parse(HEADER + "S\tdemo\tDemo\nR\twidget\tnot-an-arn\t-\n"))
                .hasMessage("IAM catalog line 8: ARN pattern 'not-an-arn' of resource type widget does not start with 'arn:'");
    }

    @Test
    void headerIsRequired() {
        assertThatThrownBy(() -> parse("S\tdemo\tDemo\n"))
                .hasMessage("IAM catalog line 1: the catalog must start with the header record 'H<tab>format<tab>1'");
        assertThatThrownBy(() -> parse("H\tformat\t2\n"))
                .hasMessage("IAM catalog line 1: catalog format 2 is not supported (this version of Bulwark reads format 1)");
        assertThatThrownBy(() -> parse("H\tformat\t1\nH\tsource\tx\n"))
                .hasMessage("IAM catalog: not an IAM catalog, header 'version' is missing");
        assertThatThrownBy(() -> parse(""))
                .hasMessage("IAM catalog: not an IAM catalog, header 'format' is missing");
    }
}
