// Menu: carry ?office= over to the linked pages (demo by default).
import { officeId } from './api.js';

const office = officeId();
for (const a of document.querySelectorAll('a[data-page]')) {
  const page = a.dataset.page;
  if (page === 'ticket.html') continue;
  const params = new URLSearchParams({ office });
  if (page === 'staff.html') params.set('counter', '1');
  a.href = `${page}?${params}`;
}
