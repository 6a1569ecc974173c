/** The site icon: an SVG, so one small file is sharp at every size and follows dark mode. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><style>rect{fill:#0b57d0}path{stroke:#fff}@media (prefers-color-scheme:dark){rect{fill:#7cb4ff}path{stroke:#111418}}</style><rect width="64" height="64" rx="14"/><path d="M42 18H22v28h20M22 32h16" fill="none" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/></svg>
`;
