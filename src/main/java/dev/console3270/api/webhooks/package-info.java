/**
 * Webhooks: {@link dev.console3270.api.webhooks.Subscription}s kept by {@link
 * dev.console3270.api.webhooks.WebhookStore}, deliveries signed by {@link
 * dev.console3270.api.webhooks.WebhookSigner} (Standard Webhooks) and sent, retried and journaled
 * by {@link dev.console3270.api.webhooks.WebhookDispatcher}.
 */
package dev.console3270.api.webhooks;
