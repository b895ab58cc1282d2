package fr.passerelle.provider.csv;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import fr.passerelle.provider.DuplicateAgreementNumberException;
import fr.passerelle.organisation.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV import (preview, then confirmation), export and template of the childminders' registry. The checked file waits
 * in the session under a one-time token until the administrator confirms, so that a second click imports nothing.
 */
@Controller
@RequestMapping("/admin/childminders")
class AdminChildminderCsvController {

    static final String PENDING = "childminderImport";
    private static final String VIEW = "provider/childminders/import";
    private static final int SAMPLE = 10;

    /** A checked, valid file waiting for the administrator's confirmation. */
    record PendingImport(String token, byte[] file) implements Serializable {
    }

    private final ChildminderImport imports;
    private final Clock clock;
    private final long maxUploadMegabytes;

    AdminChildminderCsvController(ChildminderImport imports, Clock clock,
            @Value("${spring.servlet.multipart.max-request-size}") DataSize maxUpload) {
        this.imports = imports;
        this.clock = clock;
        this.maxUploadMegabytes = maxUpload.toMegabytes();
    }

    @ModelAttribute("maxUploadMegabytes")
    long maxUploadMegabytes() {
        return maxUploadMegabytes;
    }

    /** {@code tooLarge}: the upload was sent back by {@code UploadSizeFilter}. */
    @GetMapping("/import")
    String importForm(@RequestParam(required = false) String tooLarge, Model model) {
        model.addAttribute("columns", CsvColumn.values());
        if (tooLarge != null) {
            model.addAttribute("fileError", "csv.error.file.tooLarge");
        }
        return VIEW;
    }

    @PostMapping("/import")
    String preview(@RequestParam(name = "file", required = false) MultipartFile file, HttpSession session,
            Model model) throws IOException {
        model.addAttribute("columns", CsvColumn.values());
        session.removeAttribute(PENDING);
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileError", "csv.error.file.required");
            return VIEW;
        }
        byte[] bytes = file.getBytes();
        ChildminderImport.Preview preview = imports.check(bytes);
        model.addAttribute("preview", preview);
        model.addAttribute("sample", preview.rows().subList(0, Math.min(SAMPLE, preview.rows().size())));
        if (preview.valid()) {
            PendingImport pending = new PendingImport(UUID.randomUUID().toString(), bytes);
            session.setAttribute(PENDING, pending);
            model.addAttribute("token", pending.token());
        }
        return VIEW;
    }

    @PostMapping("/import/confirm")
    String confirm(@AuthenticationPrincipal CurrentUser admin, @RequestParam String token, HttpSession session,
            Model model, RedirectAttributes redirect) {
        PendingImport pending = (PendingImport) session.getAttribute(PENDING);
        if (pending == null || !pending.token().equals(token)) {
            redirect.addFlashAttribute("error", "csv.import.expired");
            return "redirect:/admin/childminders/import";
        }
        session.removeAttribute(PENDING);
        int count;
        try {
            count = imports.importAll(admin, pending.file());
        }
        catch (ChildminderImport.InvalidImportException ex) {
            return showErrors(ex.preview(), model);
        }
        catch (DataIntegrityViolationException ex) {
            if (!DuplicateAgreementNumberException.isCauseOf(ex)) {
                throw ex;
            }
            // Someone registered one of the file's numbers between the check and the insert: checked again, the
            // file now names that row and number.
            ChildminderImport.Preview again = imports.check(pending.file());
            if (again.valid()) {
                redirect.addFlashAttribute("error", "csv.import.failed");
                return "redirect:/admin/childminders/import";
            }
            return showErrors(again, model);
        }
        redirect.addFlashAttribute("flash", "csv.flash.imported");
        redirect.addFlashAttribute("importedCount", count);
        return "redirect:/admin/childminders";
    }

    private static String showErrors(ChildminderImport.Preview preview, Model model) {
        model.addAttribute("columns", CsvColumn.values());
        model.addAttribute("preview", preview);
        model.addAttribute("sample", preview.rows().subList(0, Math.min(SAMPLE, preview.rows().size())));
        return VIEW;
    }

    @GetMapping("/export.csv")
    void export(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("assistantes-maternelles-" + LocalDate.now(clock) + ".csv").build().toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        imports.export(out);
        out.flush();
    }

    @GetMapping("/template.csv")
    ResponseEntity<byte[]> template() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("modele-assistantes-maternelles.csv").build().toString())
                .body(ChildminderImport.template().getBytes(StandardCharsets.UTF_8));
    }
}
