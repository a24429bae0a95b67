package cn.govcloud.guard.documents.web;

import static cn.govcloud.guard.shared.Role.SUPERVISOR;
import static cn.govcloud.guard.shared.Role.UNIT_SECURITY_OFFICER;

import cn.govcloud.guard.documents.Downloads;
import cn.govcloud.guard.documents.OfficialPapers;
import cn.govcloud.guard.documents.OfficialPapers.Format;
import cn.govcloud.guard.documents.OfficialPapers.Kind;
import cn.govcloud.guard.documents.web.OfficialDocumentDto.IssueRequest;
import cn.govcloud.guard.documents.web.OfficialDocumentDto.OfficialDocumentJson;
import cn.govcloud.guard.shared.Allow;
import cn.govcloud.guard.shared.AllowParties;
import cn.govcloud.guard.shared.InvalidInput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Official documents (issue 22 point 7): issue one from a record, list a record's, download the Word file, the PDF and
 * the signed scan, attach the scan. Who issues which kind is decided in {@link OfficialPapers.Kind} (403 otherwise); a
 * record the caller may not see answers 404.
 */
@RestController
@RequestMapping("/api/v1/documents/official")
@AllowParties
class OfficialDocumentApiController {
    private final OfficialPapers papers;

    OfficialDocumentApiController(OfficialPapers papers) {
        this.papers = papers;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Allow({SUPERVISOR, UNIT_SECURITY_OFFICER})
    OfficialDocumentJson issue(@RequestBody(required = false) IssueRequest body) {
        if (body == null || body.kind() == null || body.recordId() == null) {
            throw new InvalidInput("documents.official.error.invalid", Map.of(body == null || body.kind() == null ? "kind" : "recordId",
                    "documents.official.error.required"));
        }
        return OfficialDocumentJson.of(papers.issue(body.kind(), body.recordId()));
    }

    /** {@code ?kind=NOTICE&recordId=5}: the documents issued from that record, newest first. */
    @GetMapping
    List<OfficialDocumentJson> ofRecord(@RequestParam Kind kind, @RequestParam long recordId) {
        return papers.ofRecord(kind, recordId).stream().map(OfficialDocumentJson::of).toList();
    }

    @GetMapping("/{id}")
    OfficialDocumentJson one(@PathVariable long id) {
        return OfficialDocumentJson.of(papers.find(id));
    }

    @GetMapping("/{id}/docx")
    ResponseEntity<byte[]> docx(@PathVariable long id) {
        return download(id, Format.DOCX);
    }

    @GetMapping("/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return download(id, Format.PDF);
    }

    @GetMapping("/{id}/scan")
    ResponseEntity<byte[]> scan(@PathVariable long id) {
        return download(id, Format.SCAN);
    }

    /** Multipart, the signed and sealed scan (PDF, OFD, PNG, JPEG) in field {@code file}. */
    @PostMapping("/{id}/scan")
    @Allow({SUPERVISOR, UNIT_SECURITY_OFFICER})
    OfficialDocumentJson attachScan(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file) throws IOException {
        papers.find(id); // who may see it first: another unit's user gets 404 whatever it sent
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("documents.official.error.invalid", Map.of("file", "documents.official.error.scan"));
        }
        return OfficialDocumentJson.of(papers.attachScan(id, file.getOriginalFilename(), file.getInputStream()));
    }

    private ResponseEntity<byte[]> download(long id, Format format) {
        OfficialPapers.File file = papers.file(id, format);
        return Downloads.attachment(file.document(), file.content());
    }
}
