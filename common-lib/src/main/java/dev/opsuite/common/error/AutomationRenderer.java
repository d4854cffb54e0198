package dev.opsuite.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The automation API's envelope: {@code message} is the short summary (title), {@code error} the
 * specific explanation, as in the seed document ("未授权" / "Token 已过期，请重新登录").
 */
final class AutomationRenderer implements ErrorRenderer {

    @Override
    public RenderedError render(ApiError error, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.status());
        body.put("message", error.title() != null ? error.title() : defaultTitle(error.status()));
        body.put("error", error.message());
        return new RenderedError(
                error.status(), null, "application/json", ErrorJson.write(body), RenderedError.headersOf(error));
    }

    static String defaultTitle(int status) {
        return switch (status) {
            case 400 -> "请求参数错误";
            case 401 -> "未授权";
            case 403 -> "权限不足";
            case 404 -> "资源不存在";
            case 405 -> "请求方法不允许";
            case 406 -> "不支持的响应格式";
            case 409 -> "资源冲突";
            case 413 -> "请求体过大";
            case 415 -> "不支持的媒体类型";
            case 422 -> "验证失败";
            case 429 -> "请求过于频繁";
            case 502, 503, 504 -> "服务暂不可用";
            default -> status >= 500 ? "服务器内部错误" : "请求失败";
        };
    }
}
