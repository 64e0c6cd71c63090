/**
 * One province of a national deployment (`DONDOC_PROVINCE`, docs/deployment.md): everything a province owns
 * is named from its slug, so a setting that is forgotten cannot let two provinces share it.
 * - Temporal: its own namespace `dondoc-<slug>` (workflow ids, visibility, retention and access per province);
 * - data: its own PostgreSQL schema `province_<slug>` (search_path), its own files under
 *   `<DONDOC_DATA_DIR>/provinces/<slug>`;
 * - links: its own key, derived from LINK_SECRET and the slug, so a token of one province fails the signature
 *   check of every other even when the operators set one LINK_SECRET for all;
 * - web: its own host (PUBLIC_URL), one origin per province.
 * Pure: no I/O (the config reads the environment, the database opens the schema).
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';

/** A province slug: lower-case ASCII words joined by hyphens, as in the directory ids (`son-la`, `thai-nguyen`). */
export const PROVINCE_SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const PROVINCE_SLUG_MAX = 40;

/** A PostgreSQL schema name dondoc may use unquoted: lower-case, digits and `_`, at most 63 bytes. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const provinceNamespace = (slug: string) => `dondoc-${slug}`;
export const provinceSchema = (slug: string) => `province_${slug.replaceAll('-', '_')}`;
export const provinceDataDir = (root: string, slug: string) => join(root, 'provinces', slug);

/**
 * The province's link key: HMAC-SHA256 of the slug under the configured key. A different key per province
 * without a second secret to distribute; knowing one province's derived key reveals nothing of another's.
 */
export const provinceLinkSecret = (secret: string, slug: string) => createHmac('sha256', secret).update(`dondoc province link key\u0000${slug}`).digest('base64url');
