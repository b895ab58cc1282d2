import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The image's HEALTHCHECK: exit 0 when the instance's readiness probe answers 200 (UP), 1 otherwise. */
public class HealthCheck {
    public static void main(String[] args) throws Exception {
        String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(3)).build();
        try {
            int status = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            System.exit(status == 200 ? 0 : 1);
        }
        catch (Exception ex) {
            System.exit(1);
        }
    }
}
