// /dev/inbox/errors — Sentry error and message events from the browser and the server, grouped into issues (the
// most recently seen first).
import { listIssues } from '@/lib/inbox/collector/issues-api';
import { EmptyState } from '@/lib/inbox/ui/components/empty-state';
import { IssueList } from '@/lib/inbox/ui/components/issue-list';
import { PageTitle } from '@/lib/inbox/ui/components/page-title';

export const metadata = { title: 'Errors' };

export default async function ErrorsPage() {
  const issues = await listIssues();
  if (!issues.length) {
    return (
      <EmptyState title="No errors — yet">
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
