/* leadhub report: pages by #hash, charts embedded when their page first shows, sortable
   tables, and the conversion page's filters (branch, month range) over additive counts. */
(function () {
    "use strict";

    const specs = JSON.parse(document.getElementById("chart-specs").textContent);
    const monthly = JSON.parse(document.getElementById("monthly-data").textContent);
    const views = [];  // {element, view} of every embedded chart
    const pending = new WeakMap();

    const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
    const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

    function format(value, kind) {
        if (value === null || value === undefined || (typeof value === "number" && isNaN(value))) return "–";
        if (kind === "int") return integer.format(value);
        if (kind === "money") return money.format(value);
        if (kind === "pct") return percent.format(value);
        if (kind === "month") return String(value).slice(0, 7);
        return String(value);
    }

    /* ---- sortable tables ---- */
    function sortTable(th) {
        const table = th.closest("table");
        const index = Array.prototype.indexOf.call(th.parentNode.children, th);
        const numeric = /\b(int|pct|num|money)\b/.test(th.className);
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach((other) => other.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows).filter((row) => !row.querySelector("td.empty"));
        const key = (row) => {
            const cell = row.cells[index];
            const raw = cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent) : "";
            if (!numeric) return raw.toLowerCase();
            const number = parseFloat(raw);
            return isNaN(number) ? -Infinity : number;
        };
        rows.sort((a, b) => {
            const x = key(a);
            const y = key(b);
            const order = x < y ? -1 : x > y ? 1 : 0;
            return ascending ? order : -order;
        });
        rows.forEach((row) => body.appendChild(row));
    }

    document.addEventListener("click", (event) => {
        const th = event.target.closest("th");
        if (th && th.closest("table.sortable")) sortTable(th);
    });

    /* ---- charts ---- */
    function embed(element) {
        if (pending.has(element)) return pending.get(element);
        const key = element.dataset.chart;
        const name = element.dataset.dataset;
        // a chart of the filtered data starts with the current selection: never with no data
        const spec = name ? Object.assign({}, specs[key], { data: { name: name, values: filtered()[name] } }) : specs[key];
        const promise = vegaEmbed(element, spec, { renderer: "svg", actions: false })
            .then((result) => {
                views.push({ element: element, view: result.view });
            })
            .then(() => {
                element.dataset.rendered = "true";
            })
            .catch((error) => {
                element.dataset.rendered = "error";
                console.error("chart " + key + " did not render: " + error);
            });
        pending.set(element, promise);
        return promise;
    }

    function showPage() {
        const id = (location.hash || "#overview").slice(1);
        const page = document.getElementById("page-" + id) || document.getElementById("page-overview");
        document.querySelectorAll("section.page").forEach((section) => section.classList.toggle("active", section === page));
        document.querySelectorAll("nav.pages a").forEach((link) => {
            if (link.getAttribute("href") === "#" + page.id.slice(5)) link.setAttribute("aria-current", "page");
            else link.removeAttribute("aria-current");
        });
        const charts = Array.from(page.querySelectorAll(".chart[data-chart]")).map(embed);
        Promise.all(charts).then(() => { page.dataset.chartsReady = "true"; });
    }

    /* ---- conversion filters ---- */
    const branchSelect = document.getElementById("filter-branch");
    const fromSelect = document.getElementById("filter-from");
    const toSelect = document.getElementById("filter-to");
    const MEASURES = ["lead_count", "booked_count", "converted_count", "lost_count", "bad_count", "open_count", "revenue"];

    function options(select, values, selected) {
        values.forEach((value) => {
            const option = document.createElement("option");
            option.value = value;
            option.textContent = value === "" ? "All branches" : (select === branchSelect ? value : format(value, "month"));
            if (value === selected) option.selected = true;
            select.appendChild(option);
        });
    }

    const months = Array.from(new Set(monthly.map((row) => row.lead_month))).sort();
    const branches = Array.from(new Set(monthly.map((row) => row.branch))).sort();
    options(branchSelect, [""].concat(branches), "");
    options(fromSelect, months, months[0]);
    options(toSelect, months, months[months.length - 1]);

    function sum(rows, by) {
        const groups = new Map();
        rows.forEach((row) => {
            const key = row[by];
            let group = groups.get(key);
            if (!group) {
                group = { [by]: key };
                MEASURES.forEach((m) => { group[m] = 0; });
                groups.set(key, group);
            }
            MEASURES.forEach((m) => { group[m] += row[m] || 0; });
        });
        return Array.from(groups.values()).map((group) => Object.assign(group, {
            booking_rate: group.lead_count ? group.booked_count / group.lead_count : null,
            conversion_rate: group.lead_count ? group.converted_count / group.lead_count : null,
        }));
    }

    function filtered() {
        const branch = branchSelect.value;
        let from = fromSelect.value;
        let to = toSelect.value;
        if (from > to) { const swap = from; from = to; to = swap; }
        const rows = monthly.filter((row) => (!branch || row.branch === branch) && row.lead_month >= from && row.lead_month <= to);
        const byMonth = sum(rows, "lead_month").sort((a, b) => (a.lead_month < b.lead_month ? -1 : 1));
        const byBranch = sum(rows, "branch").sort((a, b) => b.lead_count - a.lead_count);
        return { monthly: byMonth, branches: byBranch, total: sum(rows.map((row) => Object.assign({}, row, { all: "all" })), "all")[0] };
    }

    const DYNAMIC_COLUMNS = [
        ["lead_count", "Leads", "int"], ["booked_count", "Booked", "int"], ["converted_count", "Converted leads", "int"],
        ["lost_count", "Lost", "int"], ["bad_count", "Bad", "int"], ["open_count", "Open", "int"],
        ["booking_rate", "Booking rate", "pct"], ["conversion_rate", "Lead conversion rate", "pct"], ["revenue", "Revenue", "money"],
    ];

    function fillTable(table, rows, first) {
        const columns = [first].concat(DYNAMIC_COLUMNS);
        table.tHead.innerHTML = "<tr>" + columns.map((c) => '<th class="' + c[2] + '">' + c[1] + "</th>").join("") + "</tr>";
        const body = table.tBodies[0];
        body.innerHTML = "";
        if (!rows.length) {
            body.innerHTML = '<tr><td class="empty" colspan="' + columns.length + '">no leads in this selection</td></tr>';
            return;
        }
        rows.forEach((row) => {
            const tr = document.createElement("tr");
            columns.forEach((c) => {
                const td = document.createElement("td");
                td.className = c[2];
                const value = row[c[0]];
                td.textContent = format(value, c[2]);
                td.dataset.sort = value === null || value === undefined ? "" : value;
                tr.appendChild(td);
            });
            body.appendChild(tr);
        });
    }

    function applyFilters() {
        const data = filtered();
        const total = data.total || { lead_count: 0, booked_count: 0, converted_count: 0, revenue: 0, booking_rate: null, conversion_rate: null };
        document.querySelectorAll("[data-kpi]").forEach((element) => {
            element.textContent = format(total[element.dataset.kpi], element.dataset.kind);
        });
        fillTable(document.getElementById("table-monthly"), data.monthly, ["lead_month", "Month", "month"]);
        fillTable(document.getElementById("table-branches"), data.branches, ["branch", "Branch", "text"]);
        views.forEach((embedded) => {
            const name = embedded.element.dataset.dataset;
            if (name) embedded.view.data(name, data[name]).runAsync();
        });
    }

    [branchSelect, fromSelect, toSelect].forEach((select) => select.addEventListener("change", applyFilters));
    window.addEventListener("hashchange", showPage);
    applyFilters();
    showPage();
})();
