import { Anchor, AnchorProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { AnchorHTMLAttributes, forwardRef } from 'react';

type Props = AnchorProps & AnchorHTMLAttributes<HTMLAnchorElement>;

const MantineAnchor = forwardRef<HTMLAnchorElement, Props>((props, ref) => <Anchor ref={ref} {...props} />);
MantineAnchor.displayName = 'MantineAnchor';

/** A Mantine Anchor that is a router Link, with typed `to`, `params` and `search`. */
export const AnchorLink = createLink(MantineAnchor);
