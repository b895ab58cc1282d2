// Passerelle's few behaviours. Everything works without them; they only make forms nicer to use.
(function () {
    'use strict';

    // A form marked data-once is sent once: a double click never files twice.
    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!form.hasAttribute('data-once')) {
            return;
        }
        if (form.dataset.submitting === 'true') {
            event.preventDefault();
            return;
        }
        form.dataset.submitting = 'true';
    }, true);

    // A page restored from the back-forward cache keeps its forms marked as sent: they must work again.
    window.addEventListener('pageshow', function (event) {
        if (!event.persisted) {
            return;
        }
        document.querySelectorAll('form[data-once]').forEach(function (form) {
            delete form.dataset.submitting;
        });
    });

    // After a failed submit the page comes back with the summary of its errors: the focus goes there, so that a
    // screen reader reads it at once and the keyboard starts from it. The same for a form swapped in by htmx.
    function focusErrorSummary(root) {
        var summary = root.id === 'error-summary' ? root : root.querySelector('#error-summary');
        if (summary) {
            summary.focus();
        }
    }
    focusErrorSummary(document);
    document.body.addEventListener('htmx:afterSettle', function (event) {
        focusErrorSummary(event.target);
    });

    // A link of the summary puts the focus in its field (scrolling alone would leave the keyboard where it was).
    document.addEventListener('click', function (event) {
        var link = event.target.closest('#error-summary a[href^="#"]');
        if (!link) {
            return;
        }
        var field = document.getElementById(decodeURIComponent(link.getAttribute('href').substring(1)));
        if (field) {
            event.preventDefault();
            field.focus();
            field.scrollIntoView({block: 'center'});
        }
    });

    // Commune fields suggest official communes as the user types (name or postal code); a field with
    // data-suggest-url asks that address instead (EPCI or organisation names). The text is posted with the CSRF
    // token of the page, so that it never appears in a request line.
    document.querySelectorAll('.commune-field').forEach(function (field) {
        var input = field.querySelector('input');
        var list = field.querySelector('datalist');
        if (!input || !list) {
            return;
        }
        input.setAttribute('list', list.id);
        input.setAttribute('autocomplete', 'off');
        var timer;
        // Only the answer to the latest query is shown: a slower answer to an earlier one is dropped.
        var latest = 0;
        input.addEventListener('input', function () {
            clearTimeout(timer);
            var query = input.value.trim();
            if (query.length < 2) {
                return;
            }
            timer = setTimeout(function () {
                var request = ++latest;
                var base = field.dataset.suggestUrl || '/communes/suggestions';
                // Posted, never in the URL: what is typed may be a person's or an organisation's name.
                var body = new URLSearchParams({list: list.id, q: query});
                var headers = {'Accept': 'text/html'};
                var token = document.querySelector('meta[name="csrf-token"]');
                var header = document.querySelector('meta[name="csrf-header"]');
                if (token && header) {
                    headers[header.content] = token.content;
                }
                fetch(base, {method: 'POST', credentials: 'same-origin', headers: headers, body: body})
                    .then(function (response) { return response.ok ? response.text() : null; })
                    .then(function (html) {
                        if (!html || request !== latest) {
                            return;
                        }
                        var template = document.createElement('template');
                        template.innerHTML = html.trim();
                        var fresh = template.content.querySelector('datalist');
                        if (fresh) {
                            list.replaceChildren.apply(list, Array.from(fresh.children));
                        }
                    });
            }, 250);
        });
    });

    // The referral form flags, beside the child's row, a child who will have reached the scheme's age limit on the
    // first day of care, as soon as both dates are typed (the server renders the same flag when the form comes back).
    function flagChildAges() {
        var firstDay = document.querySelector('input[name="firstDay"]');
        document.querySelectorAll('.child-age-warning').forEach(function (warning) {
            var row = warning.closest('fieldset');
            var birth = row ? row.querySelector('input[name$=".birthDate"]') : null;
            var limit = parseInt(warning.dataset.ageLimit, 10);
            var reached = false;
            if (birth && firstDay && birth.value && firstDay.value && !isNaN(limit)) {
                var born = birth.value.split('-').map(Number);
                var limitDay = String(born[0] + limit).padStart(4, '0') + '-' + birth.value.substring(5);
                reached = birth.value <= firstDay.value && limitDay <= firstDay.value;
            }
            warning.hidden = !reached;
        });
    }
    // Listened to while capturing: a change event set off by a script may not bubble.
    document.addEventListener('change', function (event) {
        var name = event.target.name || '';
        if (name === 'firstDay' || /\.birthDate$/.test(name)) {
            flagChildAges();
        }
    }, true);

    // "Print" buttons (a referral's page): the print stylesheet (app.css) leaves only the referral on paper.
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.hidden = false;
        button.addEventListener('click', function () {
            window.print();
        });
    });
})();
