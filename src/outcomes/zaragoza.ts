/**
 * The shipped outcome framework, `rubrics/outcomes/zaragoza.yaml`, as text, so it can be used
 * without a file system (in a browser, or as the default of the outcome commands). The YAML
 * file is the only copy: the build puts its text into the bundles (see `src/yaml-text.d.ts`).
 *
 * @module
 */
import zaragozaYaml from '../../rubrics/outcomes/zaragoza.yaml';

/**
 * The text of `rubrics/outcomes/zaragoza.yaml`: the EU common indicators of migrant integration
 * (Zaragoza, 2010) plus the series of the Eurostat outcome panel, with CSV layouts for that panel.
 *
 * @example
 * ```ts
 * import { parseOutcomeFramework, ZARAGOZA_FRAMEWORK_YAML } from 'policy-index';
 * const framework = parseOutcomeFramework(ZARAGOZA_FRAMEWORK_YAML, 'zaragoza.yaml').value!;
 * framework.indicators.length; // 18
 * ```
 */
export const ZARAGOZA_FRAMEWORK_YAML: string = zaragozaYaml;
