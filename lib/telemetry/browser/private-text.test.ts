// The components that show what people typed (their name, teammates' names and emails, invite emails, workspace
// and project names, project descriptions, task titles), rendered
// for real: every such value sits inside an element carrying PRIVATE_TEXT_CLASS (`ph-mask`: masked in session
// recordings; `ph-sensitive`: out of autocapture) and never in an attribute, which rrweb records unmasked.
import { createElement, type FC, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';

const nav = vi.hoisted(() => ({ pathname: '/dashboard' }));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/navigation')>()),
  usePathname: () => nav.pathname,
}));

const { AppFrame } = await import('@/components/app/app-frame');
const { MemberList } = await import('@/components/app/settings/member-list');
const { ProjectCard } = await import('@/components/app/project-card');
const { TaskList } = await import('@/components/app/task-list');
// createElement's typing wants children among the props; they are passed as its third argument.
const Frame = AppFrame as FC<Omit<Parameters<typeof AppFrame>[0], 'children'> & { children?: ReactNode }>;
const { PRIVATE_TEXT_CLASS, PII_SELECTOR } = await import('./privacy');
const { RECORDING_PRIVACY } = await import('./posthog-init');

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const PRIVATE = PRIVATE_TEXT_CLASS.split(' ');

/** Where `secret` appears in `html` outside a private element: as text, or in any attribute. */
function exposures(html: string, secret: string): string[] {
  const found: string[] = [];
  const stack: boolean[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)/g)) {
    const [, closing, tag, attrs = '', text] = m;
    if (text !== undefined) {
      if (text.includes(secret) && !stack.includes(true)) found.push(`text "${text}"`);
      continue;
    }
    if (attrs.includes(secret)) found.push(`attribute of <${tag}${attrs}>`);
    if (closing) {
      stack.pop();
      continue;
    }
    if (attrs.trimEnd().endsWith('/') || VOID.has(tag!.toLowerCase())) continue;
    const classes = /class="([^"]*)"/.exec(attrs)?.[1]?.split(/\s+/) ?? [];
    stack.push(PRIVATE.every((c) => classes.includes(c)));
  }
  return found;
}

const NAME = 'Zelda Quixotefield';
const WORKSPACE = 'Quixotefield Holdings';
const PROJECT = 'Codename Nightjar';
const EMAIL = 'zelda.q@private.example';
const INVITEE = 'new.hire@private.example';
const DESCRIPTION = 'Acquire the Nightjar lab before Q3';
const TASK = 'Call the Nightjar lawyer about the merger';

describe('what people typed is masked in recordings and out of autocapture', () => {
  it('the app shell: the signed-in name (and its initials) during onboarding and in the full shell', () => {
    for (const pathname of ['/onboarding/workspace', '/dashboard']) {
      nav.pathname = pathname;
      const html = renderToStaticMarkup(createElement(Frame, { user: { name: NAME }, workspace: { name: WORKSPACE, plan: 'free' } }, 'page'));
      expect(html).toContain(NAME.split(' ')[0]!.slice(0, 1));
      expect(exposures(html, NAME), pathname).toEqual([]);
      expect(exposures(html, 'ZQ'), pathname).toEqual([]);
      expect(exposures(html, WORKSPACE), pathname).toEqual([]);
    }
  });

  it('the dashboard: a project card (its name is the link autocapture would record)', () => {
    const html = renderToStaticMarkup(
      createElement(ProjectCard, {
        project: { id: 'prj_1', name: PROJECT, description: '', createdAt: '', updatedAt: '', taskCount: 2, doneCount: 1 },
      }),
    );
    expect(html).toContain(PROJECT);
    expect(exposures(html, PROJECT)).toEqual([]);
  });

  it('what people write: a project description on its card, task titles in the task list (open and done)', () => {
    const card = renderToStaticMarkup(
      createElement(ProjectCard, {
        project: { id: 'prj_1', name: PROJECT, description: DESCRIPTION, createdAt: '', updatedAt: '', taskCount: 0, doneCount: 0 },
      }),
    );
    expect(card).toContain(DESCRIPTION);
    expect(exposures(card, DESCRIPTION)).toEqual([]);
    const task = { projectId: 'prj_1', completedAt: null, createdAt: '2026-01-01T00:00:00.000Z' };
    const list = renderToStaticMarkup(
      createElement(TaskList, {
        projectId: 'prj_1',
        initialTasks: [
          { ...task, id: 'tsk_1', title: TASK, done: false },
          { ...task, id: 'tsk_2', title: `${TASK} (done)`, done: true, completedAt: '2026-01-02T00:00:00.000Z' },
        ],
      }),
    );
    expect(list).toContain(`${TASK} (done)`);
    expect(exposures(list, TASK)).toEqual([]);
  });

  it('settings: member names, member emails and invite emails', () => {
    const html = renderToStaticMarkup(
      createElement(MemberList, {
        members: [{ userId: 'usr_1', name: NAME, email: EMAIL, role: 'owner' }],
        invites: [{ id: 'inv_1', email: INVITEE, role: 'member' }],
        currentUserId: 'usr_1',
      }),
    );
    for (const secret of [NAME, EMAIL, INVITEE]) {
      expect(html).toContain(secret);
      expect(exposures(html, secret), secret).toEqual([]);
    }
  });

  it('the recording config masks exactly that class, and autocapture skips it', () => {
    // rrweb masks text under maskTextClass; maskTextFn masks whole elements matching PII_SELECTOR.
    expect(PRIVATE).toContain(RECORDING_PRIVACY.maskTextClass);
    expect(PII_SELECTOR).toContain(`.${RECORDING_PRIVACY.maskTextClass}`);
    // posthog-js autocapture leaves out text and attributes of `ph-sensitive` elements and their children.
    expect(PRIVATE).toContain('ph-sensitive');
  });
});
