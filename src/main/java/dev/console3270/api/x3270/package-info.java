/**
 * x3270 compatibility for the REST API: {@code GET /3270/rest/json|text|stext/<actions>} and {@code
 * POST /3270/rest/post}, with s3270's response shapes and status line, so that scripts written for
 * {@code s3270 -httpd} work against Console3270 by changing the URL.
 */
package dev.console3270.api.x3270;
