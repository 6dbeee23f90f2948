// The commitments tab (every role): the years the loaded NATO table gives, and the report of
// the chosen year as the server renders it (tables and chart).
import { api } from './api.js';

export async function loadCommitments(year) {
  return api(`/commitments${year ? `?year=${year}` : ''}`);
}

export async function commitmentsHtml(year) {
  return api(`/commitments?year=${year}&format=html`);
}

export async function commitmentsCsv(year) {
  return api(`/commitments?year=${year}&format=csv`);
}

// Fills the year selector, newest first, with `year` chosen.
export function renderYears(select, years, year) {
  select.replaceChildren(...[...years].reverse().map((y) => {
    const option = document.createElement('option');
    option.value = String(y);
    option.textContent = String(y);
    option.selected = y === year;
    return option;
  }));
}
