"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Lets something wide (a table) scroll sideways on a narrow screen instead of widening the page.
 * Only while its content overflows is it a focusable region named by `labelledBy`, so keyboard
 * users can scroll it with the arrow keys, and nobody meets a tab stop with nothing to scroll.
 */
export function ScrollRegion({
  labelledBy,
  className = "",
  children,
}: {
  labelledBy: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflowing(element.scrollWidth > element.clientWidth);
    measure();
    // The region narrows with the window; its content widens when rows arrive. Either can overflow it.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);

  const scrollable = overflowing ? { role: "region", "aria-labelledby": labelledBy, tabIndex: 0 } : {};
  return (
    <div ref={ref} className={`overflow-x-auto ${className}`} {...scrollable}>
      {children}
    </div>
  );
}
