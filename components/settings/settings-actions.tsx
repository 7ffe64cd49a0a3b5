"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { changeUserRoleAction, removeUserAction, revokeApiTokenAction, revokeInviteAction } from "@/app/(dashboard)/settings/actions";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";

type User = { id: string; email: string; role: string };

/** Role for another user's row; a refusal (the last admin) shows under the select. */
export function UserRoleSelect({ user }: { user: User }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  async function change(role: string) {
    setError(null);
    const outcome = await changeUserRoleAction(user.id, role);
    if (!outcome.ok) setError(outcome.error);
    router.refresh();
  }
  return (
    <div className="stack" style={{ gap: ".3rem" }}>
      <select aria-label={`Role of ${user.email}`} defaultValue={user.role} key={user.role} onChange={(event) => change(event.target.value)}>
        <option value="member">member</option>
        <option value="admin">admin</option>
      </select>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function RemoveUserButton({ user }: { user: User }) {
  return (
    <ConfirmActionButton
      label="Remove"
      question={`Remove ${user.email}? They are signed out at once and their API tokens stop working.`}
      run={() => removeUserAction(user.id)}
      small
    />
  );
}

export function RevokeTokenButton({ token }: { token: { id: string; name: string } }) {
  return (
    <ConfirmActionButton
      label="Revoke"
      question={`Revoke the API token "${token.name}"? Scripts using it are refused from now on.`}
      run={() => revokeApiTokenAction(token.id)}
      small
    />
  );
}

export function RevokeInviteButton({ invite }: { invite: { id: string; email: string } }) {
  return (
    <ConfirmActionButton
      label="Revoke"
      question={`Revoke the invitation for ${invite.email}? Its link stops working at once.`}
      run={() => revokeInviteAction(invite.id)}
      small
    />
  );
}
