"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { FormState } from "@/app/(auth)/actions";
import { Field } from "@/components/ui/field";

type Props = {
  submitLabel: string;
  withName?: boolean;
  fixedEmail?: string;
  /** First-admin setup: a "Setup code" field, prefilled from the link printed at start. */
  setupCode?: string;
  /** Creates the account first (setup, invite); sign-in only signs in. */
  register?: (input: { code: string; name: string; email: string; password: string }) => Promise<FormState>;
};

/** Email + password form for sign-in, first-admin setup and invite acceptance. */
export function CredentialsForm({ submitLabel, withName, fixedEmail, setupCode, register }: Props) {
  const router = useRouter();
  const [values, setValues] = useState({ code: setupCode ?? "", name: "", email: fixedEmail ?? "", password: "" });
  const [state, setState] = useState<FormState>({ ok: true });
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      if (register) {
        const result = await register(values);
        setState(result);
        if (!result.ok) return;
      }
      const signedIn = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
      if (!signedIn?.ok) return setState({ ok: false, error: signInError(signedIn?.error) });
      router.replace("/");
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value });
  return (
    <form onSubmit={submit} className="stack">
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {setupCode !== undefined && (
        <Field
          label="Setup code"
          name="code"
          required
          value={values.code}
          onChange={set("code")}
          errors={state.fields?.code}
          autoComplete="off"
          hint="Printed in the server console at start, in the line “Open …/setup?code=…”."
        />
      )}
      {withName && <Field label="Name" name="name" value={values.name} onChange={set("name")} errors={state.fields?.name} autoComplete="name" />}
      <Field
        label="Email"
        name="email"
        type="email"
        required
        value={values.email}
        onChange={set("email")}
        readOnly={Boolean(fixedEmail)}
        errors={state.fields?.email}
        autoComplete="email"
      />
      <Field
        label="Password"
        name="password"
        type="password"
        required
        value={values.password}
        onChange={set("password")}
        errors={state.fields?.password}
        autoComplete={register ? "new-password" : "current-password"}
        hint={register ? "At least 10 characters." : undefined}
      />
      <button className="button" type="submit" disabled={busy}>
        {busy ? "Please wait…" : submitLabel}
      </button>
    </form>
  );
}

/** next-auth's error code as a sentence; the sign-in route sends `TooManyAttempts:<seconds>` with its 429. */
function signInError(code: string | null | undefined): string {
  const wait = /^TooManyAttempts:(\d+)$/.exec(code ?? "");
  if (wait) return `Too many sign-in attempts. Try again in ${wait[1]} seconds.`;
  return "Wrong email or password.";
}
