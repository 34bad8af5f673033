// forms.js: the contribution forms with JavaScript. Checks the answers by the rules the page
// carries (data-* attributes written by generator/src/forms/ from the content model), shows
// an error summary whose links move focus to the fields, and turns the answers into the
// Markdown file `leernet check` accepts: YAML front matter with quoted strings, the file name
// from the title by the slug rule (assets/slug.js). Without this script the form posts to
// its endpoint or mailto: address as it is. No dependencies, no network requests.
(function () {
  'use strict';

  const Slug = window.LeernetSlug;
  if (!Slug || !document.querySelector) return;

  const SLUG_LIKE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  /** A number as the contributor wrote it (decimal comma made a point), written bare. */
  class Num {
    constructor(text) {
      this.text = text;
    }
  }

  /**
   * Text as YAML can hold it: without the characters YAML does not allow in a file (C0
   * controls but tab and line breaks, DEL, C1 controls but NEL, U+FFFE/FFFF, lone surrogates).
   */
  function clean(s) {
    return String(s)
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
  }

  for (const form of document.querySelectorAll('form[data-contribution]')) setup(form);

  function setup(form) {
    const summary = document.getElementById(form.dataset.summary);
    const result = document.getElementById(form.dataset.result);
    const pageTitle = document.title;
    let blobUrl = null;

    form.noValidate = true;
    for (const b of form.querySelectorAll('[data-js-label]')) b.textContent = b.dataset.jsLabel;
    for (const p of form.querySelectorAll('.form-nojs')) p.hidden = true;

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const made = make();
      if (!made) return;
      showResult(made);
    });

    // A changed answer makes the finished file stale: hide it until the next check.
    const stale = () => {
      if (!result.hidden) result.hidden = true;
    };
    form.addEventListener('input', stale);
    form.addEventListener('change', stale);

    summary.addEventListener('click', (event) => {
      const link = event.target.closest('a[href^="#"]');
      if (!link) return;
      const target = document.getElementById(link.getAttribute('href').slice(1));
      if (!target) return;
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: 'center' });
    });

    const copy = result.querySelector('[data-result-copy]');
    const status = result.querySelector('[data-result-status]');
    const text = result.querySelector('[data-result-text]');
    copy.addEventListener('click', () => {
      const done = () => {
        status.textContent = result.dataset.textCopied;
      };
      const fallback = () => {
        text.focus();
        text.select();
        let ok = false;
        try {
          ok = document.execCommand('copy');
        } catch (e) {
          ok = false;
        }
        status.textContent = ok ? result.dataset.textCopied : result.dataset.textCopyFailed;
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text.value).then(done, fallback);
      } else {
        fallback();
      }
    });

    const send = result.querySelector('[data-result-send]');
    if (send) {
      send.addEventListener('click', () => {
        const made = make();
        if (!made) return;
        hidden(form, 'bestand', made.text);
        hidden(form, 'bestandsnaam', made.path);
        form.submit();
      });
    }

    /** Checks the form; returns { text, path, slug } or null after showing the errors. */
    function make() {
      clearErrors(form, summary);
      document.title = pageTitle;
      const honeypot = form.querySelector('[data-honeypot]');
      if (honeypot && honeypot.value !== '') return null;
      const errors = [];
      for (const field of topFields(form)) check(field, true, errors);
      if (errors.length) {
        showErrors(errors, summary);
        document.title = `Fout: ${pageTitle}`;
        return null;
      }
      return build(form);
    }

    function showResult(made) {
      result.querySelector('[data-result-name]').textContent = made.path;
      text.value = made.text;
      status.textContent = '';
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      blobUrl = URL.createObjectURL(new Blob([made.text], { type: 'text/markdown;charset=utf-8' }));
      const download = result.querySelector('[data-result-download]');
      download.href = blobUrl;
      download.download = `${made.slug}.md`;
      const mail = result.querySelector('[data-result-mail]');
      if (mail && form.dataset.email) {
        const subject = `${form.dataset.subject}: ${made.title}`;
        const body = `Bestandsnaam: ${made.path}\n\n${made.text}`;
        mail.href = `mailto:${form.dataset.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
      }
      for (const note of result.querySelectorAll('[data-unchecked]')) {
        const box = document.getElementById(note.dataset.unchecked);
        note.hidden = !box || box.checked;
      }
      result.hidden = false;
      result.focus();
    }
  }

  function hidden(form, name, value) {
    let input = form.querySelector(`input[type="hidden"][name="${name}"]`);
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  // ---- the fields ----

  /** The fields directly inside `el` (not those of a record or row inside it). */
  function childFields(el) {
    return Array.from(el.querySelectorAll('[data-field]')).filter(
      (f) => f.parentElement.closest('[data-field], [data-row]') === el,
    );
  }

  function topFields(form) {
    return Array.from(form.querySelectorAll('[data-field]')).filter((f) => !f.parentElement.closest('[data-field]'));
  }

  function rowsOf(field) {
    return Array.from(field.querySelectorAll('[data-row]')).filter((r) => r.closest('[data-field]') === field);
  }

  /** The raw answer of a field: a string, a boolean or a list of strings. */
  function raw(field) {
    const widget = field.dataset.widget;
    if (widget === 'checkboxes') {
      return Array.from(field.querySelectorAll('input[type="checkbox"]'))
        .filter((i) => i.checked)
        .map((i) => i.value);
    }
    if (widget === 'radios') {
      const on = field.querySelector('input[type="radio"]:checked');
      return on ? on.value : '';
    }
    if (widget === 'checkbox') return field.querySelector('input[type="checkbox"]').checked;
    if (widget === 'lines') {
      return control(field)
        .value.split(/\r\n|\r|\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
    }
    return control(field).value.trim();
  }

  function control(field) {
    return field.querySelector('input, select, textarea');
  }

  function isEmpty(v) {
    return v === '' || v === false || (Array.isArray(v) && v.length === 0);
  }

  /** Whether anything in a record or row is filled in. */
  function used(container) {
    return Array.from(container.querySelectorAll('[data-field]'))
      .filter((f) => !['record', 'records'].includes(f.dataset.widget))
      .some((f) => !isEmpty(raw(f)));
  }

  // ---- checks ----

  function message(field, rule, values) {
    let m = field.dataset[`msg${rule.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}`] || '';
    for (const [k, v] of Object.entries(values || {})) m = m.split(`{${k}}`).join(String(v));
    return m;
  }

  /** Adds the errors of `field` to `errors`; `must` is false inside an unused record. */
  function check(field, must, errors) {
    const widget = field.dataset.widget;
    const required = field.hasAttribute('data-required');
    if (widget === 'record') {
      const active = (must && required) || used(field);
      if (!active) return;
      for (const sub of childFields(field)) check(sub, true, errors);
      return;
    }
    if (widget === 'records') {
      const rows = rowsOf(field);
      const filled = rows.filter(used);
      if (must && required && filled.length === 0) {
        errors.push({ field, text: message(field, 'required') });
        return;
      }
      for (const row of filled) for (const sub of childFields(row)) check(sub, true, errors);
      return;
    }
    const value = raw(field);
    if (isEmpty(value)) {
      if (must && required && widget !== 'checkbox') errors.push({ field, text: message(field, 'required') });
      return;
    }
    if (typeof value !== 'string') return;
    const max = Number(field.dataset.maxlength || 0);
    const count = Array.from(value).length;
    if (max && count > max) {
      errors.push({ field, text: message(field, 'too-long', { n: max, count }) });
      return;
    }
    const format = field.dataset.format;
    if (format && !FORMATS[format](value)) {
      errors.push({ field, text: message(field, 'format') });
      return;
    }
    if (field.dataset.pattern && !new RegExp(`^(?:${field.dataset.pattern})$`).test(value)) {
      errors.push({ field, text: message(field, 'pattern') });
      return;
    }
    if (field.dataset.endsWith && !value.endsWith(field.dataset.endsWith)) {
      errors.push({ field, text: message(field, 'ends-with') });
      return;
    }
    if (field.dataset.notBefore) {
      const other = valueById(field.dataset.notBefore);
      if (FORMATS.date(other) && value < other) {
        errors.push({ field, text: message(field, 'not-before') });
        return;
      }
    }
    if (field.dataset.pastField && valueById(field.dataset.pastField) === field.dataset.pastCode && value < today()) {
      errors.push({ field, text: message(field, 'past') });
    }
  }

  /** The value of the control with this id, or of the ticked option in this group. */
  function valueById(id) {
    const el = document.getElementById(id);
    if (!el) return '';
    if (el.matches('fieldset')) {
      const on = el.querySelector('input:checked');
      return on ? on.value : '';
    }
    return el.value.trim();
  }

  function validDate(y, m, d) {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }

  const FORMATS = {
    // document.rs is_allowed_url: http(s), longer than the scheme, no white space.
    url: (v) => /^https?:\/\/\S+$/i.test(v) && v.length > 8,
    date: (v) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      return !!m && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    },
    'partial-date': (v) => {
      const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
      if (!m) return false;
      if (m[3]) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
      return !m[2] || (Number(m[2]) >= 1 && Number(m[2]) <= 12);
    },
    time: (v) => {
      const m = /^(\d{2}):(\d{2})$/.exec(v);
      return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
    },
    number: (v) => /^\d+(?:[.,]\d+)?$/.test(v),
    integer: (v) => /^\d+$/.test(v),
  };

  function today() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  }

  // ---- errors on the page ----

  function focusTarget(field) {
    return field.querySelector('input:not([type="hidden"]), select, textarea');
  }

  /** The element `aria-describedby` belongs on: the group for choices, else the control. */
  function described(field) {
    return field.matches('fieldset') ? field : control(field);
  }

  function clearErrors(form, summary) {
    summary.hidden = true;
    summary.querySelector('ul').textContent = '';
    for (const p of form.querySelectorAll('.field-error')) {
      p.hidden = true;
      p.textContent = '';
      const field = p.closest('[data-field]');
      field.classList.remove('field-invalid');
      const el = described(field);
      const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== p.id);
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
      for (const c of field.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
    }
  }

  function showErrors(errors, summary) {
    const list = summary.querySelector('ul');
    for (const { field, text } of errors) {
      const target = focusTarget(field);
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `#${target.id}`;
      a.textContent = text;
      li.appendChild(a);
      list.appendChild(li);
      const p = field.querySelector(':scope > .field-error');
      const mark = document.createElement('span');
      mark.className = 'visually-hidden';
      mark.textContent = 'Fout: ';
      p.append(mark, text);
      p.hidden = false;
      field.classList.add('field-invalid');
      const el = described(field);
      const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      el.setAttribute('aria-describedby', ids.concat(p.id).join(' '));
      if (!field.matches('fieldset')) control(field).setAttribute('aria-invalid', 'true');
    }
    summary.hidden = false;
    summary.focus();
  }

  // ---- the Markdown file ----

  /** The value a field writes, or undefined to leave the key out. */
  function value(field) {
    const yaml = field.dataset.yaml;
    if (yaml === 'record') {
      const obj = entries(childFields(field));
      return Object.keys(obj).length ? obj : undefined;
    }
    if (yaml === 'records') {
      const rows = rowsOf(field)
        .map((row) => entries(childFields(row)))
        .filter((o) => Object.keys(o).length);
      return rows.length ? rows : undefined;
    }
    const v = raw(field);
    if (yaml === 'bool') {
      if (v) return true;
      return field.hasAttribute('data-writes-false') ? false : undefined;
    }
    if (isEmpty(v)) return undefined;
    if (yaml === 'list') return Array.isArray(v) ? v : [v];
    if (yaml === 'num') return new Num(v.replace(',', '.').replace(/^0+(?=\d)/, ''));
    return v;
  }

  function entries(fields) {
    const out = {};
    for (const f of fields) {
      const v = value(f);
      if (v !== undefined) out[f.dataset.key] = v;
    }
    return out;
  }

  /** JSON strings are YAML double-quoted scalars; numbers and booleans are written bare. */
  function scalar(v) {
    if (typeof v === 'boolean') return String(v);
    if (v instanceof Num) return v.text;
    return JSON.stringify(clean(v));
  }

  function isScalar(v) {
    return typeof v !== 'object' || v instanceof Num;
  }

  function emit(obj, indent) {
    const pad = ' '.repeat(indent);
    const lines = [];
    for (const [k, v] of Object.entries(obj)) {
      if (Array.isArray(v) && v.every(isScalar)) {
        if (v.every((x) => typeof x === 'string' && SLUG_LIKE.test(x))) {
          lines.push(`${pad}${k}: [${v.map(scalar).join(', ')}]`);
        } else {
          lines.push(`${pad}${k}:`);
          for (const x of v) lines.push(`${pad}  - ${scalar(x)}`);
        }
      } else if (Array.isArray(v)) {
        lines.push(`${pad}${k}:`);
        for (const item of v) {
          const sub = emit(item, indent + 4);
          sub[0] = `${pad}  - ${sub[0].slice(indent + 4)}`;
          lines.push(...sub);
        }
      } else if (!isScalar(v)) {
        lines.push(`${pad}${k}:`);
        lines.push(...emit(v, indent + 2));
      } else {
        lines.push(`${pad}${k}: ${scalar(v)}`);
      }
    }
    return lines;
  }

  function build(form) {
    const front = {};
    let body = '';
    for (const field of topFields(form)) {
      if (field.dataset.yaml === 'body') {
        body = clean(control(field).value)
          .replace(/\r\n|\r/g, '\n')
          .replace(/^\s*\n/, '')
          .trimEnd();
        continue;
      }
      const v = value(field);
      if (v !== undefined) front[field.dataset.key] = v;
    }
    for (const fixed of form.querySelectorAll('[data-fixed]')) {
      front[fixed.dataset.key] = fixed.hasAttribute('data-today') ? today() : fixed.value;
    }
    const title = String(front.title || '');
    let taken = [];
    try {
      taken = JSON.parse(form.dataset.taken || '[]');
    } catch (e) {
      taken = [];
    }
    const slug = Slug.freeSlug(Slug.proposedFileSlug(title), taken);
    const text = `---\n${emit(front, 0).join('\n')}\n---\n${body ? `\n${body}\n` : ''}`;
    return { text, slug, title, path: `${form.dataset.folder}/${slug}.md` };
  }
})();
