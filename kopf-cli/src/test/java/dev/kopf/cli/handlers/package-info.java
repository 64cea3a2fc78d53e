/**
 * Handler classes for the CLI tests, given to {@code kopf run} as class folders (copied
 * one by one with {@link dev.kopf.cli.ClassFolders}) or to KopfRunner as presets.
 */
package dev.kopf.cli.handlers;
