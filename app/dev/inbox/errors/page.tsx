// /dev/inbox/errors — Sentry error and message events from the browser and the server, grouped into issues (the
// most recently seen first).
import { EmptyState } from '@/components/inbox/empty-state';
import { IssueList } from '@/components/inbox/issue-list';
import { PageTitle } from '@/components/inbox/page-title';
import { requestOrigin } from '@/lib/inbox-ui/origin';
import { groupIssues } from '@/lib/collector/issues';
import { errorList } from '@/lib/inbox-ui/queries';

export const metadata = { title: 'Errors' };

export default async function ErrorsPage() {
  const items = await errorList();
  if (!items.length) {
    return (
      <EmptyState title="No errors — yet" origin={await requestOrigin()}>
        Errors Sentry captures in the browser and on the server land here with their stack trace, breadcrumbs, tags and
        trace.
      </EmptyState>
    );
  }
  const issues = groupIssues(items);
  return (
    <div>
      <PageTitle title="Errors">
        {issues.length} issues · {items.length} Sentry events, grouped by fingerprint like Sentry
      </PageTitle>
      <IssueList issues={issues} />
    </div>
  );
}
