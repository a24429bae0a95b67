package cn.govcloud.guard.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.ApiClient;
import cn.govcloud.guard.AppTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 20 point 11: errors say why, as problem details, and asking for the error page itself is no 500. */
@AppTest
class ErrorAnswersTests {
    @LocalServerPort int port;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String user, String type, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", ApiClient.bearer(mvc, user));
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.uri().toString()).startsWith("application/problem+json");
        assertThat(r.body()).as(r.uri().toString()).contains("\"status\":" + status);
    }

    @Test
    void anonymousGetOfTheErrorPathIsA404ProblemNotA500() throws Exception {
        for (String path : new String[] {"/error", "/error/500"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.body()).contains("\"status\":404");
        }
    }

    @Test
    void anUnknownApiPathAndAWrongMethodAnswerProblemDetails() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/no-such-thing");
        assertThat(unknown.statusCode()).isIn(401, 404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aSampleOfErrorPathsAllAnswerProblemJson() throws Exception {
        assertProblem(send("GET", "/api/v1/systems", null, null, null), 401);
        assertProblem(send("GET", "/api/v1/audit/records", "unit1", null, null), 403);
        assertProblem(send("GET", "/api/v1/systems/987654321", "unit1", null, null), 404);
        assertProblem(send("GET", "/api/v1/no-such-list", "unit1", null, null), 404);
        assertProblem(send("DELETE", "/api/v1/calendar/deadline", "unit1", null, null), 405);
        assertProblem(send("POST", "/api/v1/systems", "unit1", "text/plain", "name=x".getBytes(StandardCharsets.UTF_8)), 415);
        assertProblem(send("POST", "/api/v1/systems", "unit1", "application/json", "{\"name\":".getBytes(StandardCharsets.UTF_8)), 400);
        assertProblem(send("GET", "/api/v1/systems?limit=100000", "unit1", null, null), 400);
        assertProblem(send("POST", "/api/v1/auth/login", null, "application/json",
                "{\"username\":\"nobody\",\"password\":\"wrong\"}".getBytes(StandardCharsets.UTF_8)), 401);
    }

    @Test
    void anUploadOverTheLimitIsA413ProblemNamingTheLimit() throws Exception {
        // Content-Length says 300 MB; the server refuses on the header, before any of the body is sent
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/systems/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ApiClient.bearer(mvc, "unit1") + "\r\n"
                    + "Accept: application/json\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 300000000\r\n"
                    + "Expect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(answer).contains("\"maxRequestSize\"", "205MB", "200MB");
        }
    }

    /** The final answer (an interim "100 Continue" skipped), headers and body, until the server closes. */
    private static String readAnswer(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            all.write(buffer, 0, n);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (text.startsWith("HTTP/1.1 100") && end >= 0) {
                all.reset();
                all.write(text.substring(end + 4).getBytes(StandardCharsets.UTF_8));
            } else if (!text.startsWith("HTTP/1.1 100") && end >= 0 && text.contains("}") ) {
                return text;
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRefusedWorkbookSaysWhatWasWrong() throws Exception {
        long before = jdbc.sql("select count(*) from systems_system").query(Long.class).single();
        HttpResponse<String> encrypted = upload(encryptedXlsx());
        assertProblem(encrypted, 400);
        assertThat(encrypted.body()).as("encrypted").contains("密码");
        HttpResponse<String> xls = upload(oldXls());
        assertProblem(xls, 400);
        assertThat(xls.body()).as("xls").contains(".xls", "另存为 .xlsx");
        assertThat(jdbc.sql("select count(*) from systems_system").query(Long.class).single()).isEqualTo(before);
    }

    private HttpResponse<String> upload(byte[] file) throws Exception {
        String boundary = "----govguard-test";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"inventory.xlsx\"\r\n"
                + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", "/api/v1/systems/import", "unit1", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static byte[] encryptedXlsx() throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.createSheet("系统").createRow(0).createCell(0).setCellValue("名称");
            wb.write(plain);
        }
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OPCPackage opc = OPCPackage.open(new java.io.ByteArrayInputStream(plain.toByteArray()));
                 OutputStream os = encryptor.getDataStream(fs)) {
                opc.save(os);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    private static byte[] oldXls() throws Exception {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("系统").createRow(0).createCell(0).setCellValue("名称");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }
}
