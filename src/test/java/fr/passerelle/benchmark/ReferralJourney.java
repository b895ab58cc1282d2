package fr.passerelle.benchmark;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The four writes of a referral's life, as the pages post them: the advisor files an emergency home-care referral,
 * the officer declares it eligible, offers it to the home-care service, which accepts. Each POST is timed alone
 * (its redirect not followed); the pages read in between to find ids, versions and tokens are not. Every referral
 * filed is a real one: its family is named "Banc" and the offer's message says it is a benchmark's.
 */
final class ReferralJourney {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final BenchmarkSettings settings;

    private final VirtualUser advisor;

    private final VirtualUser officer;

    private final VirtualUser provider;

    /** Offer id → the officer's message, as read by any provider user: each offer's page is read once. */
    private final Map<Long, String> offerMessages;

    /** Finds the pending offer carrying a message, or null; by default, by reading the provider's pages. */
    private final Function<String, Long> offerByMessage;

    ReferralJourney(BenchmarkSettings settings, Map<Long, String> offerMessages) {
        this(settings, List.of(settings.baseUrl()), offerMessages, null);
    }

    /**
     * The same, its users' requests going round the given instances; {@code offerByMessage} finds the offer to
     * answer when the provider's first page cannot be relied on (hundreds of offers pending at once).
     */
    ReferralJourney(BenchmarkSettings settings, List<URI> bases, Map<Long, String> offerMessages,
            Function<String, Long> offerByMessage) {
        this.settings = settings;
        this.advisor = VirtualUser.signedIn(bases, settings.advisor(), settings.password());
        this.officer = VirtualUser.signedIn(bases, settings.officer(), settings.password());
        this.provider = VirtualUser.signedIn(bases, settings.provider(), settings.password());
        this.offerMessages = offerMessages;
        this.offerByMessage = offerByMessage;
    }

    /** The journey's users, for reading pages between journeys. */
    VirtualUser advisor() {
        return advisor;
    }

    VirtualUser officer() {
        return officer;
    }

    static Map<Long, String> sharedOfferMessages() {
        return new ConcurrentHashMap<>();
    }

    /** The four measures a journey records into; {@code null} ones are not recorded (warm-up, set-up). */
    record Measures(Measurement file, Measurement decide, Measurement offer, Measurement answer) {

        static final Measures NONE = new Measures(null, null, null, null);
    }

    /**
     * Runs the journey as far as it goes; a step that fails is recorded and ends the journey.
     *
     * @param toEligible stop once the referral is eligible (a referral to route, for the candidates page)
     * @return the referral's id, or {@code null} when it could not be filed
     */
    Long run(Measures measures, boolean toEligible) {
        String marker = randomLetters(10);
        Long referralId = file(measures.file(), marker);
        if (referralId == null || !decide(measures.decide(), referralId) || toEligible) {
            return referralId;
        }
        if (offer(measures.offer(), referralId, marker)) {
            answer(measures.answer(), marker);
        }
        return referralId;
    }

    private Long file(Measurement measure, String marker) {
        Document form = advisor.document("/advisor/referrals/new");
        LocalDate firstDay = LocalDate.now(PARIS).plusDays(1);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("creationToken", form.selectFirst("input[name=creationToken]").val());
        fields.put("parentLastName", "Banc");
        fields.put("parentFirstName", "Essai " + marker);
        fields.put("franceTravailId", String.format("%07dB", ThreadLocalRandom.current().nextInt(10_000_000)));
        fields.put("jobSeekerAttested", "true");
        fields.put("phone", "06 12 34 56 78");
        fields.put("communeQuery", settings.commune());
        // A first name of its own, so that no journey is taken for another's duplicate.
        fields.put("children[0].firstName", "Banc" + marker);
        fields.put("children[0].birthDate", LocalDate.now(PARIS).minusYears(3).toString());
        fields.put("purpose", "JOB_INTERVIEW");
        fields.put("purposeDate", firstDay.toString());
        fields.put("need", "EMERGENCY_HOME_CARE");
        fields.put("firstDay", firstDay.toString());
        fields.put("firstDayStartTime", "09:00");
        fields.put("consentGiven", "true");
        fields.put("action", "submit");
        VirtualUser.Answer answer = advisor.post("/advisor/referrals/new", fields);
        if (!answer.redirectsTo("/advisor/referrals/\\d+")) {
            fail(measure, answer, "a referral page");
            return null;
        }
        succeed(measure, answer);
        String path = answer.location().getPath();
        return Long.valueOf(path.substring(path.lastIndexOf('/') + 1));
    }

    private boolean decide(Measurement measure, long referralId) {
        Document review = officer.document("/officer/referrals/" + referralId);
        Element version = review.selectFirst("form[action$=/decision] input[name=version]");
        if (version == null) {
            fail(measure, "the review page of referral " + referralId + " has no decision form");
            return false;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", version.val());
        fields.put("outcome", "ELIGIBLE");
        VirtualUser.Answer answer = officer.post("/officer/referrals/" + referralId + "/decision", fields);
        if (!answer.redirectsTo("/officer/queue")) {
            fail(measure, answer, "/officer/queue");
            return false;
        }
        succeed(measure, answer);
        return true;
    }

    private boolean offer(Measurement measure, long referralId, String marker) {
        String routing = "/officer/referrals/" + referralId + "/routing";
        Document page = officer.document(routing);
        Element candidate = page.select("li[data-provider]").stream()
                .filter(li -> li.select("[data-testid=candidate-name]").text().equals(settings.providerName()))
                .findFirst().orElse(null);
        if (candidate == null) {
            fail(measure, "\"" + settings.providerName() + "\" is not a candidate of referral " + referralId);
            return false;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("provider", candidate.selectFirst("input[name=provider]").val());
        fields.put("message", message(marker));
        fields.put("_csrf", candidate.selectFirst("input[name=_csrf]").val());
        String action = URI.create(candidate.selectFirst("form").absUrl("action")).getPath();
        return checkOffer(measure, officer.post(action, fields), routing);
    }

    /** The offer's post always goes back to the routing page: whether it worked is said there, in the flash. */
    private boolean checkOffer(Measurement measure, VirtualUser.Answer answer, String routing) {
        if (!answer.redirectsTo(routing)) {
            fail(measure, answer, routing);
            return false;
        }
        Document after = officer.document(routing);
        Element error = after.selectFirst("[data-testid=action-error]");
        if (error != null) {
            fail(measure, answer.request() + " refused: " + error.text());
            return false;
        }
        succeed(measure, answer);
        return true;
    }

    private void answer(Measurement measure, String marker) {
        Long offerId = findOffer(message(marker));
        if (offerId == null) {
            fail(measure, "the offer \"" + message(marker) + "\" is not among the provider's pending offers");
            return;
        }
        VirtualUser.Answer answer = provider.post("/provider/offers/" + offerId + "/accept", Map.of());
        if (!answer.redirectsTo("/provider/offers/" + offerId)) {
            fail(measure, answer, "/provider/offers/" + offerId);
            return;
        }
        succeed(measure, answer);
    }

    /** The pending offer carrying this message; each offer's page is read once by all the journeys together. */
    private Long findOffer(String message) {
        if (offerByMessage != null) {
            Long id = offerByMessage.apply(message);
            if (id != null) {
                // The provider opens the offer before answering it (and the page gives the form's CSRF token).
                provider.document("/provider/offers/" + id);
            }
            return id;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            Document list = provider.document("/provider/offers");
            for (Element row : list.select("tr[data-offer]")) {
                long id = Long.parseLong(row.attr("data-offer"));
                String known = offerMessages.get(id);
                if (known == null) {
                    Element text = provider.document("/provider/offers/" + id)
                            .selectFirst("[data-testid=officer-message]");
                    known = text == null ? "" : text.text();
                    offerMessages.put(id, known);
                }
                if (known.equals(message)) {
                    return id;
                }
            }
        }
        return null;
    }

    private static String message(String marker) {
        return "Benchmark " + marker;
    }

    private static void succeed(Measurement measure, VirtualUser.Answer answer) {
        if (measure != null) {
            measure.succeeded(answer.nanos(), answer.body().length);
        }
    }

    private static void fail(Measurement measure, VirtualUser.Answer answer, String expected) {
        fail(measure, answer.describe() + " (expected a redirect to " + expected + ")");
    }

    private static void fail(Measurement measure, String description) {
        if (measure == null) {
            throw new IllegalStateException(description);
        }
        measure.failed(description);
    }

    private static String randomLetters(int length) {
        StringBuilder letters = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }
}
