/**
 * Many live sessions under one roof: {@link dev.console3270.session.pool.SessionPool} opens,
 * limits, idles, pauses and migrates {@link dev.console3270.session.pool.PooledSession}s, and tells
 * {@link dev.console3270.session.pool.PoolHook}s about their lifecycle; {@link
 * dev.console3270.session.pool.SecretStore} keeps the passwords logon macros use.
 */
package dev.console3270.session.pool;
