// /dev/inbox/errors — Sentry error and message events from the browser and the server, grouped into issues (the
// most recently seen first).
import { EmptyState } from '@/components/inbox/empty-state';
import { IssueList } from '@/components/inbox/issue-list';
import { PageTitle } from '@/components/inbox/page-title';
import { listIssues } from '@/lib/collector/issues-api';
import { requestOrigin } from '@/lib/inbox-ui/origin';

export const metadata = { title: 'Errors' };

export default async function ErrorsPage() {
  const issues = await listIssues();
  if (!issues.length) {
    return (
      <EmptyState title="No errors — yet" origin={await requestOrigin()}>
        Errors Sentry captures in the browser and on the server land here with their stack trace, breadcrumbs, tags and
        trace.
      </EmptyState>
    );
  }
  return (
    <div>
      <PageTitle title="Errors">
        {issues.length} issues · {issues.reduce((n, i) => n + i.count, 0)} Sentry events, grouped by fingerprint like Sentry
      </PageTitle>
      <IssueList issues={issues} />
    </div>
  );
}
