/** The HTML report's page: reads the embedded JSON and builds every section. */
import type { ReportData } from '../report/html/report-data.js';
import { el } from './dom.js';
import { reportView } from './report-view.js';
import './report.css';
import './profile.css';

const data = JSON.parse(document.getElementById('report-data')!.textContent!) as ReportData;
const app = document.getElementById('app')!;
const errors = el('div', { id: 'errors' });
const showError = (msg: string) => errors.append(el('p', { class: 'error' }, msg));
app.replaceChildren(errors, reportView(data, { onError: showError }).root);
