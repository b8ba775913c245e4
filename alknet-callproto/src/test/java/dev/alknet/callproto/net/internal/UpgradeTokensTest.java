package dev.alknet.callproto.net.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class UpgradeTokensTest {

    @Test
    void redactsEveryTokenParameterAndNothingElse() {
        assertThat(UpgradeTokens.redact("/alknet?token=abc-_1&x=2&token=def#f"))
                .isEqualTo("/alknet?token=REDACTED&x=2&token=REDACTED#f");
        assertThat(UpgradeTokens.redact("/alknet?mytoken=abc&token_x=1")).isEqualTo("/alknet?mytoken=abc&token_x=1");
        assertThat(UpgradeTokens.redact("/alknet")).isEqualTo("/alknet");
    }

    @Test
    void theHeaderWinsOverTheQueryAndOnlyBearerCounts() {
        HttpRequest request = request("/alknet?token=fromquery");
        request.headers().set("Authorization", "bearer  fromheader");
        assertThat(UpgradeTokens.find(request, true)).contains("fromheader");
        request.headers().set("Authorization", "Basic dXNlcjpwdw==");
        assertThatThrownBy(() -> UpgradeTokens.find(request, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQueryIsReadOnlyWhenAllowed() {
        assertThat(UpgradeTokens.find(request("/alknet?token=q"), true)).contains("q");
        assertThat(UpgradeTokens.find(request("/alknet?token=q"), false)).isEmpty();
        assertThat(UpgradeTokens.find(request("/alknet"), true)).isEmpty();
        assertThatThrownBy(() -> UpgradeTokens.find(request("/alknet?token=a&token=b"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpRequest request(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
