package cn.govcloud.guard.notify.delivery;

import cn.govcloud.guard.notify.DeliveryStatus;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What a valid channel target and secret are, and how a target is shown without its secret part (A10.1). */
final class ChannelTargets {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final int MAX_URL = 1000;
    private static final int MAX_SECRET = 200;

    private ChannelTargets() {
    }

    /** The e-mail address, or the webhook URL up to its host: the rest is the robot's access token. */
    static String shown(DeliveryStatus.Channel kind, String target) {
        if (kind == DeliveryStatus.Channel.EMAIL) {
            return target;
        }
        URI uri = URI.create(target);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/…";
    }

    static DeliveryStatus.Channel kind(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            DeliveryStatus.Channel kind = DeliveryStatus.Channel.valueOf(value.strip().toUpperCase(Locale.ROOT));
            return kind.organisationChannel() ? kind : null; // SMS and 政务微信 / 政务钉钉 are the city's gateways, not a channel
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A10.1: an address the mail server accepts, or an http(s) URL with a host and nothing that hides where it goes. */
    static void checkTarget(DeliveryStatus.Channel kind, String target, Map<String, String> errors) {
        if (kind == DeliveryStatus.Channel.EMAIL) {
            if (target == null || target.length() > 254 || !EMAIL.matcher(target).matches() || !strictAddress(target)) {
                errors.put("target", "notify.channel.error.email");
            }
            return;
        }
        if (target == null || target.length() > MAX_URL || target.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch < 0x20)) {
            errors.put("target", "notify.channel.error.url");
            return;
        }
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ok = (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && !uri.getHost().isBlank()
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
            if (!ok) {
                errors.put("target", "notify.channel.error.url");
            }
        } catch (URISyntaxException e) {
            errors.put("target", "notify.channel.error.url");
        }
    }

    static void checkSecret(DeliveryStatus.Channel kind, String secret, Map<String, String> errors) {
        if (secret == null) {
            return;
        }
        if (kind == DeliveryStatus.Channel.EMAIL || kind == DeliveryStatus.Channel.WECOM) {
            errors.put("secret", "notify.channel.error.noSecret"); // WeCom robots and e-mail are not signed
        } else if (secret.length() > MAX_SECRET || secret.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            errors.put("secret", "notify.channel.error.secret");
        }
    }

    private static boolean strictAddress(String target) {
        try {
            new InternetAddress(target, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

}
