package cn.govcloud.guard.notify.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP with Spring's {@link JavaMailSender} ({@code spring.mail.*}). Without a mail host
 * ({@code GOVGUARD_MAIL_HOST} unset, the demo) nothing is sent and the delivery fails at once with
 * "no mail server configured": the page tells the organisation its e-mail channel cannot work yet.
 */
@Component
class EmailTransport implements Transport {
    static final String NOT_CONFIGURED = "no mail server configured";
    private final ObjectProvider<JavaMailSender> mail;
    private final DeliverySettings settings;

    EmailTransport(ObjectProvider<JavaMailSender> mail, DeliverySettings settings) {
        this.mail = mail;
        this.settings = settings;
    }

    @Override
    public void send(ChannelService.Endpoint endpoint, Rendered text) throws DeliveryFailure {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || sender instanceof JavaMailSenderImpl impl && (impl.getHost() == null || impl.getHost().isBlank())) {
            throw DeliveryFailure.permanent(NOT_CONFIGURED);
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.mailFrom());
            helper.setTo(endpoint.target());
            helper.setSubject(text.title());
            helper.setText(text.plain(), false);
            sender.send(message);
        } catch (MessagingException | MailException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (cause != e && cause.getMessage() != null && !why.contains(cause.getMessage())) {
                why = why + ": " + cause.getMessage();
            }
            throw DeliveryFailure.retry("SMTP: " + why);
        }
    }
}
