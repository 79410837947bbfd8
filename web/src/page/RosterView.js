// The side panel's list of people and the floor: names, the host, who holds the floor and
// who waits, and which of the two control buttons applies.

import { Role } from '../wire/HandshakePdus.js';
import { FloorState } from '../wire/RosterPdus.js';

const STATE_WORDS = new Map([
  [FloorState.Requesting, 'asks for control'],
  [FloorState.Holding, 'has control'],
]);

/**
 * @param {HTMLUListElement} list
 * @param {import('../session/ViewerSession.js').ViewerSession} session
 */
export function renderRoster(list, session) {
  const items = [];
  for (const person of session.roster.participants()) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = person.name || `user ${person.userId}`;
    item.append(name);
    const notes = [];
    if (person.role === Role.Host) notes.push('host');
    if (person.userId === session.userId) notes.push('you');
    if (notes.length > 0) item.append(note('role', `(${notes.join(', ')})`));
    const holds = session.floorHolder === person.userId || person.floor === FloorState.Holding;
    const queued = session.floorQueue.indexOf(person.userId);
    let state = holds ? STATE_WORDS.get(FloorState.Holding) : STATE_WORDS.get(person.floor);
    if (!holds && queued >= 0) state = `waits (${queued + 1} in line)`;
    if (state) item.append(note(holds ? 'state holding' : 'state', state));
    items.push(item);
  }
  list.replaceChildren(...items);
}

/** The floor's line under the buttons, and which buttons are live. */
export function renderFloor({ floor, request, release }, session) {
  const joined = session.state === 'joined';
  const me = session.roster.find(session.userId);
  const waiting = session.floorQueue.includes(session.userId) ||
    me?.floor === FloorState.Requesting || me?.floor === FloorState.Queued;
  request.disabled = !joined || session.holdsFloor;
  release.disabled = !joined || !(session.holdsFloor || waiting);
  if (!joined) {
    floor.textContent = '';
  } else if (session.holdsFloor) {
    floor.textContent = 'You have control: keyboard and pointer go to the shared window.';
  } else if (waiting) {
    floor.textContent = 'Waiting for control…';
  } else {
    const holder = session.roster.find(session.floorHolder);
    floor.textContent = holder && holder.role !== Role.Host ? `${holder.name} has control.` : 'The host has control.';
  }
}

function note(className, text) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}
