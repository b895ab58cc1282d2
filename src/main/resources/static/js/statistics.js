// Draws each statistics table marked data-chart with Chart.js, from the table itself: the table stays the accessible
// source of the figures (the chart is an image of it). Masked figures (fewer than 5 families) are gaps.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') {
        return;
    }
    var palette = ['#0b5cad', '#c0392b', '#1e8449', '#7d3c98', '#b9770e', '#117a65'];

    document.querySelectorAll('.stat-chart[data-chart-for]').forEach(function (holder) {
        var table = document.getElementById(holder.dataset.chartFor);
        if (!table) {
            return;
        }
        var headers = Array.from(table.querySelectorAll('thead th'));
        var series = [];
        headers.forEach(function (th, index) {
            if (index > 0 && th.dataset.series === 'true') {
                series.push({label: th.textContent.trim(), column: index - 1});
            }
        });
        var rows = Array.from(table.querySelectorAll('tbody tr'));
        var labels = rows.map(function (row) {
            return row.querySelector('th').textContent.trim();
        });
        var datasets = series.map(function (serie, i) {
            return {
                label: serie.label,
                data: rows.map(function (row) {
                    var cell = row.querySelectorAll('td')[serie.column];
                    var value = cell ? cell.dataset.value : '';
                    return value === '' || value === undefined ? null : Number(value);
                }),
                backgroundColor: palette[i % palette.length],
                borderColor: palette[i % palette.length],
                spanGaps: false
            };
        });
        var canvas = document.createElement('canvas');
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', holder.dataset.chartLabel || '');
        holder.appendChild(canvas);
        new Chart(canvas, {
            type: table.dataset.chart === 'line' ? 'line' : 'bar',
            data: {labels: labels, datasets: datasets},
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: {y: {beginAtZero: true}},
                plugins: {legend: {position: 'bottom'}}
            }
        });
    });
})();
