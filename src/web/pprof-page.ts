/** The page of `gomemlens pprof html`: the profile component over the embedded profiles. */
import type { PprofPageData } from '../report/html/pprof-page.js';
import { el } from './dom.js';
import { profileView } from './profile-view.js';
import './report.css';
import './profile.css';

const data = JSON.parse(document.getElementById('page-data')!.textContent!) as PprofPageData;
const app = document.getElementById('app')!;
const errors = el('div', { id: 'errors' });
app.replaceChildren(
  el(
    'header',
    {},
    el('h1', {}, data.title),
    ...data.notes.map((n) => el('p', { class: 'muted' }, n)),
  ),
  errors,
  profileView(data.profiles, {
    pick: 0,
    base: data.base ?? -1,
    onError: (msg) => errors.append(el('p', { class: 'error' }, msg)),
  }),
);
