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
    // data-suggest-url asks that address instead (EPCI names).
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
                var url = base + '?list=' + encodeURIComponent(list.id) + '&q=' + encodeURIComponent(query);
                fetch(url, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
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
})();
