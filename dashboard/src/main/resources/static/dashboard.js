/*
 * The dashboard page: asks the dashboard service for a snapshot every refresh interval (GET api/snapshot),
 * draws the clocks' offsets with uPlot and fills the tables and node cards; the buttons POST to
 * api/actions/..., where the dashboard calls the services with the cluster's token (never sent here).
 * Everything a service says is put in the page as text, never as HTML.
 */
(function () {
    'use strict';

    const COLORS = ['#1c2430', '#2e86de', '#8e44ad', '#e67e22', '#16a085', '#c0392b', '#d4ac0d', '#e84393',
        '#7f8c8d', '#27ae60', '#0984e3', '#6c5ce7'];
    const REQUEST_TIMEOUT_MS = 3000;

    const state = {
        refreshMs: 500,
        windowMs: 300000,
        actionTimeoutMs: 10000,
        instance: null,     // the dashboard process the chart's rows come from
        latest: 0,          // the newest chart row the page has
        clocks: null,       // the chart's series names
        xs: [],             // seconds since the epoch
        ys: [],             // per clock, milliseconds (null: unknown)
        plot: null,
        controls: true,
        busy: new Set(),
    };

    // ---- small helpers ---------------------------------------------------------------------------------

    function el(tag, attributes, ...children) {
        const node = document.createElement(tag);
        for (const [name, value] of Object.entries(attributes || {})) {
            if (value === null || value === undefined || value === false) continue;
            if (name === 'className') node.className = value;
            else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
            else node.setAttribute(name, value === true ? '' : String(value));
        }
        for (const child of children.flat()) {
            if (child === null || child === undefined) continue;
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
        return node;
    }

    /** A signed duration from nanoseconds, in the unit that suits it. */
    function duration(nanos, signed = true) {
        if (nanos === null || nanos === undefined) return '–';
        const sign = signed ? (nanos > 0 ? '+' : nanos < 0 ? '−' : '±') : '';
        const abs = Math.abs(nanos);
        if (abs >= 1e9) return sign + (abs / 1e9).toFixed(6) + ' s';
        if (abs >= 1e6) return sign + (abs / 1e6).toFixed(3) + ' ms';
        if (abs >= 1e3) return sign + (abs / 1e3).toFixed(1) + ' µs';
        return sign + abs + ' ns';
    }

    function time(millis) {
        return new Date(millis).toLocaleTimeString([], {hour12: false});
    }

    /**
     * Puts these children in the container, leaving each child that has not changed in place: a button
     * that is being clicked must not be swapped for a copy of itself under the pointer.
     */
    function replace(container, ...children) {
        const wanted = children.flat();
        wanted.forEach((child, i) => {
            const current = container.children[i];
            if (!current) container.append(child);
            else if (!current.isEqualNode(child)) current.replaceWith(child);
        });
        while (container.children.length > wanted.length) container.lastElementChild.remove();
    }

    // ---- the chart -------------------------------------------------------------------------------------

    function chartWidth() {
        return Math.max(300, document.getElementById('chart').clientWidth);
    }

    function makeChart(clocks) {
        if (state.plot) state.plot.destroy();
        state.clocks = clocks;
        state.xs = [];
        state.ys = clocks.map(() => []);
        const container = document.getElementById('chart');
        container.replaceChildren();
        const series = [{}].concat(clocks.map((name, i) => ({
            label: name,
            stroke: COLORS[i % COLORS.length],
            width: 2,
            spanGaps: false,
            value: (u, v) => v === null || v === undefined ? '–' : (v >= 0 ? '+' : '') + v.toFixed(3) + ' ms',
        })));
        state.plot = new uPlot({
            width: chartWidth(),
            height: 320,
            series: series,
            scales: {x: {time: true}},
            axes: [{}, {label: 'offset (ms)', size: 70}],
            legend: {live: true},
        }, [state.xs].concat(state.ys), container);
    }

    function addRows(chart, instance) {
        if (!state.clocks || state.clocks.join('\u0000') !== chart.clocks.join('\u0000') || instance !== state.instance) {
            // First snapshot, other clocks, or the dashboard restarted (its rows start again from 1).
            const first = state.instance === null;
            makeChart(chart.clocks);
            state.latest = 0;
            state.instance = instance;
            // After a restart these rows answer a question asked of the old process: ask again for all.
            if (!first) return;
        }
        for (const row of chart.rows) {
            if (row.sequence <= state.latest) continue;
            state.xs.push(row.at / 1000);
            row.offsetNanos.forEach((nanos, i) => state.ys[i].push(nanos === null ? null : nanos / 1e6));
            state.latest = row.sequence;
        }
        const oldest = (state.xs.length ? state.xs[state.xs.length - 1] : 0) - state.windowMs / 1000;
        let drop = 0;
        while (drop < state.xs.length && state.xs[drop] < oldest) drop++;
        if (drop > 0) {
            state.xs.splice(0, drop);
            state.ys.forEach(values => values.splice(0, drop));
        }
        state.plot.setData([state.xs].concat(state.ys));
    }

    // ---- the panels ------------------------------------------------------------------------------------

    function renderClocks(snapshot) {
        const rows = snapshot.clocks.map((clock, i) => {
            const reading = clock.reading;
            const sync = clock.lastSync;
            let last = '';
            if (sync) {
                last = sync.status === 'synchronized'
                    ? `#${sync.sequence} ${duration(sync.offsetNanos)} ±${duration(sync.errorBoundNanos, false)}`
                    : sync.status === 'left_alone'
                        ? el('span', {title: sync.error || ''}, `#${sync.sequence} left alone: ±${duration(sync.errorBoundNanos, false)} too loose`)
                        : `#${sync.sequence} ${sync.status}`;
            }
            return el('tr', {className: clock.up ? null : 'down', 'data-clock': clock.name},
                el('td', {}, el('span', {className: 'swatch', style: `background:${COLORS[i % COLORS.length]}`}), clock.name),
                el('td', {}, clock.role),
                el('td', {className: 'num', 'data-field': 'offset'}, reading ? duration(reading.offsetNanos) : '–'),
                el('td', {className: 'num'}, reading ? `${reading.driftPpm >= 0 ? '+' : ''}${reading.driftPpm} ppm` : '–'),
                el('td', {className: 'num'}, reading ? duration(reading.pendingSlewNanos) : '–'),
                el('td', {}, last),
                el('td', {}, clock.up ? el('span', {className: 'badge up'}, 'up')
                    : el('span', {className: 'badge down', title: clock.error || ''}, 'down')));
        });
        replace(document.querySelector('#clocks tbody'), rows);

        const controls = document.getElementById('clock-controls');
        for (const clock of snapshot.clocks.filter(c => c.role === 'client')) {
            if (!controls.querySelector(`button[data-client="${CSS.escape(clock.name)}"]`)) {
                controls.append(el('button', {type: 'button', 'data-action': 'sync', 'data-client': clock.name},
                    `Sync ${clock.name}`));
            }
        }
    }

    function renderRound(snapshot) {
        const master = snapshot.round;
        const round = master.latest;
        const summary = document.getElementById('round-summary');
        const number = document.getElementById('round-number');
        if (!round) {
            number.textContent = '';
            summary.textContent = master.up ? 'no round yet' : `no master answers: ${master.error || 'no answer'}`;
            replace(document.querySelector('#round tbody'));
            return;
        }
        number.textContent = `#${round.round}`;
        const by = round.leader ? `by ${round.leader}${round.term ? `, term ${round.term}` : ''}; ` : '';
        const spread = round.spreadAfterNanos === null || round.spreadAfterNanos === undefined ? ''
            : `, spread after ${duration(round.spreadAfterNanos, false)}`
              + (round.spreadAfterErrorNanos === null || round.spreadAfterErrorNanos === undefined ? ''
                  : ` ± ${duration(round.spreadAfterErrorNanos, false)}`);
        summary.textContent = `${by}${round.trigger}, ${round.durationMillis} ms; average ${duration(round.averageOffsetNanos)} `
            + `from the master; spread before ${duration(round.spreadBeforeNanos, false)}${spread}; `
            + `tolerance ${duration(round.toleranceNanos, false)}`
            + (round.unreachable ? `; ${round.unreachable} unreachable` : '')
            + (master.up ? '' : ` (no master answers now: ${master.error || 'no answer'})`);
        const rows = (round.participants || []).map(p => el('tr', {className: p.included ? null : 'excluded', 'data-participant': p.name},
            el('td', {}, p.name, p.role === 'master' ? ' (master)' : ''),
            el('td', {className: 'num'}, duration(p.offsetNanos)),
            el('td', {className: 'num'}, duration(p.roundTripNanos, false)),
            el('td', {title: p.reason || ''}, p.included ? 'yes' : `no: ${p.reason || ''}`),
            el('td', {className: 'num'}, duration(p.adjustmentNanos)),
            el('td', {title: p.detail || p.reason || ''}, el('span', {className: 'badge ' + (['adjusted', 'replayed'].includes(p.status) ? 'up'
                : p.status === 'left alone' ? 'alone' : 'bad')},
                p.status || '–'))));
        replace(document.querySelector('#round tbody'), rows);
    }

    function renderMasters(snapshot) {
        const picture = snapshot.masters;
        const leader = document.getElementById('master-leader');
        if (picture.leader === null || picture.leader === undefined) {
            leader.textContent = `no leading master${picture.term ? ` (term ${picture.term}: electing)` : ''}`;
            leader.removeAttribute('data-leader');
        } else {
            leader.textContent = picture.elected ? `♛ leading master: ${picture.leader}, term ${picture.term}`
                : `♛ master: ${picture.leader}, term 0 (runs alone, not elected)`;
            leader.setAttribute('data-leader', picture.leader);
        }

        const cards = picture.masters.map(master => {
            const view = master.view;
            const leading = master.name === picture.leader;
            const classes = ['node', 'master', ['down', 'crashed'].includes(master.status) ? master.status : null,
                leading ? 'leader' : null, master.status === 'electing' ? 'electing' : null].filter(Boolean).join(' ');
            let detail;
            if (master.status === 'down') detail = `no answer${master.error ? ': ' + master.error : ''}`;
            else if (master.status === 'crashed') detail = 'crashed';
            else if (!master.elected) detail = 'leads alone (not elected)';
            else detail = `${master.status}, term ${view.term}` + (view.nodeId ? ` (id ${view.nodeId})` : '');
            // Only an elected master can be crashed: another takes over. One run alone has no button.
            const button = !master.elected ? null : master.status === 'crashed'
                ? el('button', {type: 'button', 'data-action': 'recover-master', 'data-master': master.name}, 'recover')
                : el('button', {type: 'button', 'data-action': 'crash-master', 'data-master': master.name,
                    disabled: master.status === 'down'}, 'crash');
            return el('div', {className: classes, 'data-master': master.name, 'data-status': master.status},
                el('div', {className: 'id'}, leading ? el('span', {className: 'crown', title: 'leading master'}, '♛ ') : null, master.name),
                el('div', {className: 'detail'}, detail),
                button);
        });
        replace(document.getElementById('masters'), cards);
    }

    function renderElection(snapshot) {
        const election = snapshot.election;
        const coordinator = document.getElementById('coordinator');
        if (election.coordinator === null || election.coordinator === undefined) {
            coordinator.textContent = `no coordinator${election.term ? ` (term ${election.term}: electing)` : ''}`;
            coordinator.removeAttribute('data-coordinator');
        } else {
            coordinator.textContent = `♛ coordinator: node ${election.coordinator}, term ${election.term}`
                + (election.agreed ? ', every live node agrees' : ', not every live node agrees yet');
            coordinator.setAttribute('data-coordinator', election.coordinator);
        }

        const cards = election.nodes.map(node => {
            const view = node.view;
            const leader = node.id === election.coordinator;
            const classes = ['node', node.status, leader ? 'leader' : null,
                node.status === 'up' && view && view.state === 'ELECTING' ? 'electing' : null].filter(Boolean).join(' ');
            let detail;
            if (node.status === 'down') detail = `no answer${node.error ? ': ' + node.error : ''}`;
            else if (node.status === 'crashed') detail = 'crashed';
            else if (!view || !view.state) detail = 'answered, but said nothing';
            else detail = `${view.state.toLowerCase()}, term ${view.term}`
                + (view.leaderId !== null && view.leaderId !== undefined ? `, names ${view.leaderId}` : '');
            const button = node.status === 'crashed'
                ? el('button', {type: 'button', 'data-action': 'recover', 'data-node': node.id}, 'recover')
                : el('button', {type: 'button', 'data-action': 'crash', 'data-node': node.id, disabled: node.status === 'down'}, 'crash');
            return el('div', {className: classes, 'data-node-id': node.id, 'data-status': node.status},
                el('div', {className: 'id'}, leader ? el('span', {className: 'crown', title: 'coordinator'}, '♛ ') : null, node.id),
                el('div', {className: 'detail'}, detail),
                button);
        });
        replace(document.getElementById('nodes'), cards);

        const select = document.getElementById('election-from');
        const ids = election.nodes.map(n => String(n.id));
        if ([...select.options].map(o => o.value).join() !== ids.join()) {
            const chosen = select.value;
            replace(select, ids.map(id => el('option', {value: id}, `node ${id}`)));
            if (ids.includes(chosen)) select.value = chosen;
        }

        const last = election.lastElection;
        const text = document.getElementById('last-election');
        if (!last) {
            text.textContent = 'no election reported yet';
        } else {
            const types = Object.entries(last.messagesByType || {}).filter(([, n]) => n > 0).map(([type, n]) => `${type} ${n}`).join(', ');
            text.textContent = `last election: term ${last.term}, ${last.algorithm}`
                + (last.initiator ? `, started by node ${last.initiator}` : '')
                + (last.reason ? ` (${last.reason.replaceAll('_', ' ')})` : '')
                + `, ${last.outcome}`
                + (last.durationMillis !== null && last.durationMillis !== undefined ? ` in ${last.durationMillis} ms` : '')
                + `; ${last.messages} messages${types ? ` (${types})` : ''} as ${last.reportedBy} live node${last.reportedBy === 1 ? '' : 's'} report`;
        }
    }

    function renderControls() {
        document.querySelectorAll('button[data-action]').forEach(button => {
            if (!state.controls) {
                button.disabled = true;
                button.title = 'controls are off (dashboard.controls=false)';
            } else if (button.title) {
                // Controls back on (the dashboard restarted with them): the node cards set their own state.
                button.title = '';
                if (!button.closest('.node')) button.disabled = false;
            }
            if (state.busy.has(actionKey(button))) button.classList.add('busy');
        });
    }

    /** Draws one panel; a panel that fails (an answer of a shape it did not expect) leaves the others drawn. */
    function panel(name, draw) {
        try {
            draw();
        } catch (failure) {
            console.error(`dashboard: could not draw the ${name}`, failure);
        }
    }

    function render(snapshot) {
        state.refreshMs = Math.max(100, Number(snapshot.refreshMillis) || 500);
        state.windowMs = Math.max(10000, Number(snapshot.windowMillis) || 300000);
        state.actionTimeoutMs = Math.max(1000, Number(snapshot.actionTimeoutMillis) || 10000);
        state.controls = snapshot.controls !== false;
        panel('chart', () => addRows(snapshot.chart, snapshot.instance));
        panel('clocks', () => renderClocks(snapshot));
        panel('masters', () => renderMasters(snapshot));
        panel('round', () => renderRound(snapshot));
        panel('election', () => renderElection(snapshot));
        panel('controls', renderControls);
        document.getElementById('updated').textContent = `updated ${time(snapshot.at)}`;
    }

    function connection(ok, why) {
        const badge = document.getElementById('connection');
        badge.className = 'connection ' + (ok ? 'ok' : 'lost');
        badge.textContent = ok ? 'live' : `dashboard unreachable (${why}); retrying`;
    }

    // ---- polling ---------------------------------------------------------------------------------------

    async function fetchJson(url, options, timeoutMs) {
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(), timeoutMs);
        try {
            const response = await fetch(url, Object.assign({signal: abort.signal, cache: 'no-store'}, options));
            const text = await response.text();
            let body = null;
            try {
                body = text ? JSON.parse(text) : null;
            } catch (notJson) {
                body = null;
            }
            return {status: response.status, ok: response.ok, body: body};
        } finally {
            clearTimeout(timer);
        }
    }

    async function poll() {
        try {
            const answer = await fetchJson(`api/snapshot?after=${state.latest}`, {}, REQUEST_TIMEOUT_MS);
            if (!answer.ok || !answer.body) throw new Error(`HTTP ${answer.status}`);
            render(answer.body);
            connection(true);
        } catch (failure) {
            connection(false, failure.name === 'AbortError' ? 'no answer' : failure.message);
        } finally {
            setTimeout(poll, state.refreshMs);
        }
    }

    // ---- controls --------------------------------------------------------------------------------------

    function actionKey(button) {
        return [button.dataset.action, button.dataset.node || '', button.dataset.master || '', button.dataset.client || '',
            button.dataset.algorithm || ''].join('/');
    }

    function actionUrl(button) {
        switch (button.dataset.action) {
            case 'round': return ['api/actions/round', 'Berkeley round'];
            case 'sync': return [`api/actions/clients/${encodeURIComponent(button.dataset.client)}/sync`, `sync ${button.dataset.client}`];
            case 'crash': return [`api/actions/nodes/${button.dataset.node}/crash`, `crash node ${button.dataset.node}`];
            case 'recover': return [`api/actions/nodes/${button.dataset.node}/recover`, `recover node ${button.dataset.node}`];
            case 'crash-master': return [`api/actions/masters/${encodeURIComponent(button.dataset.master)}/crash`, `crash ${button.dataset.master}`];
            case 'recover-master': return [`api/actions/masters/${encodeURIComponent(button.dataset.master)}/recover`, `recover ${button.dataset.master}`];
            case 'election': {
                const from = document.getElementById('election-from').value;
                const algorithm = button.dataset.algorithm;
                return [`api/actions/nodes/${from}/election?algorithm=${algorithm}`, `${algorithm} election from node ${from}`];
            }
            default: return [null, null];
        }
    }

    function describe(answer, button) {
        const body = answer.body && answer.body.answer;
        if (!body) return '';
        if (body.round !== undefined && body.participants) return `round #${body.round}, ${body.participants.length} clocks`;
        if (body.status && body.sequence !== undefined) {
            return body.status === 'synchronized' ? `offset ${duration(body.offsetNanos)} ±${duration(body.errorBoundNanos, false)}` : body.status;
        }
        if (body.state !== undefined) {
            const who = button.dataset.master || `node ${body.nodeId}`;
            return `${who} now ${body.state.toLowerCase()}, term ${body.term}`;
        }
        return '';
    }

    function log(text, failed) {
        const list = document.getElementById('log');
        list.prepend(el('li', {className: failed ? 'failed' : null}, `${time(Date.now())} ${text}`));
        while (list.children.length > 30) list.lastElementChild.remove();
    }

    async function act(button) {
        const key = actionKey(button);
        const [url, what] = actionUrl(button);
        if (!url || state.busy.has(key)) return;
        state.busy.add(key);
        button.classList.add('busy');
        try {
            // The dashboard gives up on the service after its action timeout; wait a little longer for its answer.
            const answer = await fetchJson(url, {method: 'POST'}, state.actionTimeoutMs + 5000);
            if (answer.ok) {
                log(`✓ ${what}: ${describe(answer, button)}`, false);
            } else {
                const detail = answer.body && (answer.body.detail || answer.body.title);
                log(`✗ ${what}: ${answer.status}${detail ? ' ' + detail : ''}`, true);
            }
        } catch (failure) {
            log(`✗ ${what}: ${failure.name === 'AbortError' ? 'no answer from the dashboard' : failure.message}`, true);
        } finally {
            state.busy.delete(key);
            button.classList.remove('busy');
        }
    }

    document.addEventListener('click', event => {
        const button = event.target.closest('button[data-action]');
        if (button && !button.disabled) act(button);
    });
    window.addEventListener('resize', () => {
        if (state.plot) state.plot.setSize({width: chartWidth(), height: 320});
    });

    poll();
})();
