import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Notification Centre", template: "%s – Notification Centre" },
  description: "Notifications and activity history for the council's housing services",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen font-sans text-base antialiased">
        <a href="#main-content" className="skip-link bg-focus text-ink">
          Skip to main content
        </a>
        <Providers>
          <SiteHeader />
          <main id="main-content" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 focus:outline-none">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
