package cn.govcloud.guard.documents.web;

import static cn.govcloud.guard.shared.Role.SUPERVISOR;
import static cn.govcloud.guard.shared.Role.UNIT_SECURITY_OFFICER;

import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.OfficialPapers;
import cn.govcloud.guard.documents.OfficialPapers.Format;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.IOException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The official documents of one record (issue 22 point 7), reached from the record's page: the documents issued from
 * it with their number, date, template version, issuer and SM3 digests, the Word and PDF downloads, "上传盖章扫描件",
 * and the button that issues the next one for whoever may.
 */
@Controller
@AllowParties
class OfficialDocumentPages {
    private final OfficialPapers papers;
    private final MessageSource messages;

    OfficialDocumentPages(OfficialPapers papers, MessageSource messages) {
        this.papers = papers;
        this.messages = messages;
    }

    @GetMapping("/documents/official")
    String list(@RequestParam Kind kind, @RequestParam long record, Model model) {
        model.addAttribute("kind", kind);
        model.addAttribute("record", record);
        model.addAttribute("documents", papers.ofRecord(kind, record));
        model.addAttribute("mayIssue", papers.mayIssue(kind, record));
        model.addAttribute("back", switch (kind) {
            case AGREEMENT -> "/systems/" + record;
            case AUTHORISATION -> "/access/grants";
            case RECTIFICATION_FEEDBACK -> "/hazards/" + record;
            case NOTICE -> "/supervision/notices/" + record;
        });
        return "documents/official";
    }

    @PostMapping("/documents/official")
    @Allow({SUPERVISOR, UNIT_SECURITY_OFFICER})
    String issue(@RequestParam Kind kind, @RequestParam long record, RedirectAttributes redirect) {
        papers.issue(kind, record);
        redirect.addFlashAttribute("done", text("documents.official.issued"));
        return "redirect:/documents/official?kind=" + kind + "&record=" + record;
    }

    @PostMapping("/documents/official/{id}/scan")
    @Allow({SUPERVISOR, UNIT_SECURITY_OFFICER})
    String scan(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        OfficialPapers.Issued issued = papers.find(id);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("documents.official.error.scan");
            }
            papers.attachScan(id, file.getOriginalFilename(), file.getInputStream());
            redirect.addFlashAttribute("done", text("documents.official.scanned"));
        } catch (InvalidInput refused) {
            redirect.addFlashAttribute("scanError", text(refused.getMessage()));
            redirect.addFlashAttribute("scanErrorId", id);
        }
        return "redirect:/documents/official?kind=" + issued.kind() + "&record=" + issued.recordId();
    }

    @GetMapping("/documents/official/{id}/docx")
    ResponseEntity<byte[]> docx(@PathVariable long id) {
        return download(id, Format.DOCX);
    }

    @GetMapping("/documents/official/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return download(id, Format.PDF);
    }

    @GetMapping("/documents/official/{id}/scan")
    ResponseEntity<byte[]> scanFile(@PathVariable long id) {
        return download(id, Format.SCAN);
    }

    private ResponseEntity<byte[]> download(long id, Format format) {
        OfficialPapers.File file = papers.file(id, format);
        return Downloads.attachment(file.document(), file.content());
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
