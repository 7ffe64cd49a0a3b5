import { expect, test } from "@playwright/test";
import { unique } from "./support/flows";
import { signIn } from "./support/session";

test("Key (for config as code): set on a destination, kept on edit, a taken key refused with the field's message", async ({ page }) => {
  await signIn(page);
  const key = `events-${Date.now().toString(36)}`;
  const add = async (name: string) => {
    await page.goto("/destinations/new");
    await page.getByRole("radio", { name: /HTTP batch/ }).click();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("URL").fill("http://127.0.0.1:9");
    await page.getByLabel("Write key").fill("wk_keyed");
    await page.getByLabel("Key (for config as code)").fill(key);
    await page.getByRole("button", { name: "Add destination" }).click();
  };
  const name = unique("Keyed events");
  await add(name);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByLabel("Key (for config as code)")).toHaveValue(key);

  await add(unique("Second events"));
  await expect(page.getByText(`The key "${key}" is already used by the destination "${name}"`)).toBeVisible();
  await expect(page.getByLabel("Key (for config as code)")).toHaveValue(key);
  await page.getByLabel("Key (for config as code)").fill("Not A Slug");
  await page.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByText("A key is lowercase letters, digits and single dashes").first()).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/config-key-field.png", fullPage: true });
});
