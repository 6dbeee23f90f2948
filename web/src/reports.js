// The daily report tab: the reports as published (every reader), and for analysts the report
// as it stands for a chosen day, which they may publish.
import { api, apiFile } from './api.js';

export async function loadPublished() {
  return (await api('/reports/published')).reports;
}

export function renderPublished(list, reports, selected, onSelect) {
  list.replaceChildren(...reports.map((r) => {
    const li = document.createElement('li');
    li.dataset.id = String(r.id);
    li.classList.toggle('selected', r.id === selected);
    const title = document.createElement('strong');
    title.textContent = r.date;
    const when = document.createElement('span');
    when.className = 'muted';
    when.textContent = ` published ${r.published_at.slice(0, 16).replace('T', ' ')} UTC${r.published_by ? ` by ${r.published_by}` : ''}`;
    li.append(title, when);
    if (r.note) {
      const note = document.createElement('span');
      note.className = 'note';
      note.textContent = r.note;
      li.append(note);
    }
    li.addEventListener('click', () => onSelect(r.id));
    return li;
  }));
  if (reports.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = 'Nothing published yet.';
    list.replaceChildren(li);
  }
}

export async function publishedHtml(id) {
  return api(`/reports/published/${id}?format=html`);
}

export async function draftHtml(date) {
  return api(`/reports/daily?date=${date}&format=html`);
}

export async function publish(date, note) {
  return api('/reports/published', { method: 'POST', body: note ? { date, note } : { date } });
}

// The PDF of the report shown: a publication (drawn from what was frozen) or the day's report as
// it stands.
export async function reportPdf(shown) {
  return apiFile(shown.publication ? `/reports/published/${shown.publication}?format=pdf` : `/reports/daily?date=${shown.date}&format=pdf`);
}
